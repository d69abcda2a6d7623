namespace ModelDsl.Compiler.Training;

/// <summary>
/// <c>pretrained(path, map = none, parts = [])</c>, checked: the generated trainer initialises the model (or the named
/// parts) from this safetensors file before training.
/// </summary>
/// <param name="Path">The weight file as written (relative paths resolve against the working directory at run time).</param>
/// <param name="Map">The name map: <c>none</c> (the file uses the .model names) or <c>torchvision</c>.</param>
/// <param name="Parts">Qualified module names to initialise (<c>stem</c>, <c>learner</c>); empty for the whole model.</param>
public sealed record CheckedPretrained(string Path, string Map, EquatableArray<string> Parts);
