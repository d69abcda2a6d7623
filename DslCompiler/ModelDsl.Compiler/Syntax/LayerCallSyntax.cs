using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A layer, block or group applied to the current tensor, <c>conv2d(64, kernel: 3) as stem_conv</c>; also one
/// <c>|&gt; step</c> of a <see cref="PipelineSyntax"/>.</summary>
/// <param name="Name">The layer, block or group name.</param>
/// <param name="Arguments">Positional and named arguments in source order.</param>
/// <param name="Alias">The explicit module name given with <c>as NAME</c>, or null.</param>
public sealed record LayerCallSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    EquatableArray<ArgumentSyntax> Arguments,
    IdentifierSyntax? Alias) : StatementSyntax(Span)
{
    /// <summary>The positional arguments, in order (the parser reports positional arguments written after named ones).</summary>
    public EquatableArray<ArgumentSyntax> PositionalArguments => Arguments.Where(argument => argument.Name is null).ToEquatableArray();

    /// <summary>The named arguments, in order.</summary>
    public EquatableArray<ArgumentSyntax> NamedArguments => Arguments.Where(argument => argument.Name is not null).ToEquatableArray();
}
