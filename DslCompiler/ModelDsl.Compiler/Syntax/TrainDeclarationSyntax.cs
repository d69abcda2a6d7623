using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>train MODEL [as NAME] { items }</c>. The items are kept generic (settings and calls over expressions);
/// the Training stage gives them meaning.</summary>
/// <param name="Model">The model being trained.</param>
/// <param name="Alias">The name given with <c>as NAME</c>, or null.</param>
/// <param name="Items">Settings, callback calls, stages and the data section in source order.</param>
public sealed record TrainDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Model,
    IdentifierSyntax? Alias,
    EquatableArray<TrainItemSyntax> Items,
    bool HasErrors = false) : DeclarationSyntax(Span, HasErrors)
{
    /// <summary>The declared name: the alias when given, else the model name.</summary>
    public IdentifierSyntax Name => Alias ?? Model;
}
