using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>What blocks and groups share: a name, typed parameters and a body invoked like a layer.</summary>
public abstract record CallableDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    EquatableArray<ParameterSyntax> Parameters,
    EquatableArray<StatementSyntax> Body,
    bool HasErrors) : DeclarationSyntax(Span, HasErrors);
