namespace ModelDsl.Compiler;

/// <summary>One <c>.model</c> file handed to the compiler: the path diagnostics will print, and its text.</summary>
public sealed record SourceFile(string Path, string Text);
