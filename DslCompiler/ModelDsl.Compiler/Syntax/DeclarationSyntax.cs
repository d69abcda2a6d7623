using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A top-level declaration: <see cref="BlockDeclarationSyntax"/>, <see cref="GroupDeclarationSyntax"/>,
/// <see cref="ModelDeclarationSyntax"/> or <see cref="TrainDeclarationSyntax"/>.</summary>
/// <param name="HasErrors">True when the parser reported a syntax error inside this declaration and recovered
/// (the broken statement or item is left out). Later stages should not emit code for such a declaration.</param>
public abstract record DeclarationSyntax(SourceSpan Span, bool HasErrors) : SyntaxNode(Span);
