using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>The root of one parsed <c>.model</c> file.</summary>
/// <param name="Span">The whole file.</param>
/// <param name="Namespace">The <c>namespace</c> declaration, or null when the file has none (the project's RootNamespace applies).</param>
/// <param name="Imports">The <c>import</c> declarations in source order.</param>
/// <param name="Declarations">The <c>block</c>, <c>group</c>, <c>model</c> and <c>train</c> declarations in source order.
/// A declaration whose header could not be parsed is left out (its error is in the parse diagnostics); one whose body
/// had errors is kept with <see cref="DeclarationSyntax.HasErrors"/> set.</param>
public sealed record ModelFileSyntax(
    SourceSpan Span,
    NamespaceDeclarationSyntax? Namespace,
    EquatableArray<ImportDeclarationSyntax> Imports,
    EquatableArray<DeclarationSyntax> Declarations) : SyntaxNode(Span)
{
    /// <summary>The <c>defaults { … }</c> declarations of the file (settings for every model of this file).</summary>
    public EquatableArray<DefaultsDeclarationSyntax> Defaults { get; init; } = EquatableArray<DefaultsDeclarationSyntax>.Empty;
}
