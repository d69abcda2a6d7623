namespace ModelDsl.Compiler.Semantics;

/// <summary>A declared model input (<c>input image: float[3, 224, 224]</c>); <see cref="Name"/> is also its value name.</summary>
public sealed record ModelInput(string Name, Shape Shape);
