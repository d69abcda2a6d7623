using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A source tensor followed by zero or more <c>|&gt; layer(...)</c> steps: <c>input |&gt; conv2d(256, kernel: 1) |&gt; batchnorm()</c>.</summary>
/// <param name="Source">The source: <c>x</c> (the current tensor), <c>input</c> (a block's input), a <c>let</c> name or a model input name.</param>
/// <param name="Steps">The steps in order (may be empty: <c>let shortcut = input</c>).</param>
public sealed record PipelineSyntax(SourceSpan Span, IdentifierSyntax Source, EquatableArray<LayerCallSyntax> Steps) : SyntaxNode(Span)
{
    /// <summary>True for <c>x</c>, the current tensor.</summary>
    public bool IsCurrentTensor => Source.Name == "x";

    /// <summary>True for <c>input</c>, the tensor a block or group received.</summary>
    public bool IsBlockInput => Source.Name == "input";
}
