namespace ModelDsl.Compiler;

/// <summary>One emitted C# file. Value-equal when the text is, so the generator skips unchanged output.</summary>
/// <param name="HintName">A unique file name for the generator, e.g. <c>Acme.Vision.ResNet50.g.cs</c>.</param>
/// <param name="Text">The complete C# source.</param>
public sealed record GeneratedSource(string HintName, string Text);
