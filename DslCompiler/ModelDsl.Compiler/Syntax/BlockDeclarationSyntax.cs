using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>block NAME(params) { statements }</c>: a parametrised sequence of statements.</summary>
public sealed record BlockDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    EquatableArray<ParameterSyntax> Parameters,
    EquatableArray<StatementSyntax> Body,
    bool HasErrors = false) : CallableDeclarationSyntax(Span, Name, Parameters, Body, HasErrors);
