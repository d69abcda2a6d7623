using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>model NAME { input ...  statements }</c>.</summary>
/// <param name="Inputs">The <c>input</c> declarations, in source order.</param>
/// <param name="Body">The statements in source order (sections are <see cref="SectionStatementSyntax"/>).</param>
public sealed record ModelDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    EquatableArray<InputDeclarationSyntax> Inputs,
    EquatableArray<StatementSyntax> Body,
    bool HasErrors = false) : DeclarationSyntax(Span, HasErrors);
