using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary><c>import "blocks/resnet.model"</c>: brings that file's blocks and groups into scope.</summary>
/// <param name="Path">The path as written (relative to the importing file), escapes resolved.</param>
public sealed record ImportDeclarationSyntax(SourceSpan Span, StringLiteralSyntax Path) : SyntaxNode(Span);
