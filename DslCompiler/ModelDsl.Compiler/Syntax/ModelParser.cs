using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>Parses one <c>.model</c> file into a <see cref="ModelFileSyntax"/> and syntax diagnostics. Never throws.</summary>
public static class ModelParser
{
    /// <summary>Parses <paramref name="file"/>. The tree is always returned; declarations that could not be parsed are
    /// left out and reported.</summary>
    public static ParseResult Parse(SourceFile file)
    {
        // Contract placeholder: the grammar lands in the next commit.
        var text = file.Text ?? string.Empty;
        var span = new SourceSpan(file.Path, 0, text.Length, 1, 1, 1, 1);
        var root = new ModelFileSyntax(span, null, EquatableArray<ImportDeclarationSyntax>.Empty, EquatableArray<DeclarationSyntax>.Empty);
        return new ParseResult(root, EquatableArray<Diagnostic>.Empty);
    }
}
