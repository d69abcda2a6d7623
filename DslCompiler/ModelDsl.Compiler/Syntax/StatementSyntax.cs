using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A statement of a model, section, block, group or repeat body: <see cref="LayerCallSyntax"/>,
/// <see cref="LetStatementSyntax"/>, <see cref="OutputStatementSyntax"/>, <see cref="RepeatStatementSyntax"/> or
/// <see cref="SectionStatementSyntax"/>.</summary>
public abstract record StatementSyntax(SourceSpan Span) : SyntaxNode(Span);
