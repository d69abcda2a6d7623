using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>group NAME(params) { block calls }</c>: a set of blocks that share a configuration. The parser accepts
/// any statement in the body; which statements a group may hold is a semantic rule.</summary>
public sealed record GroupDeclarationSyntax(
    SourceSpan Span,
    IdentifierSyntax Name,
    EquatableArray<ParameterSyntax> Parameters,
    EquatableArray<StatementSyntax> Body,
    bool HasErrors = false) : CallableDeclarationSyntax(Span, Name, Parameters, Body, HasErrors);
