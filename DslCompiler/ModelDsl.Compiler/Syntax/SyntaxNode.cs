using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>The base of every node of the <c>.model</c> syntax tree: immutable, value-equal, and located.</summary>
/// <param name="Span">Where the node is in its file (from its first to its last character, comments around it excluded).</param>
public abstract record SyntaxNode(SourceSpan Span);
