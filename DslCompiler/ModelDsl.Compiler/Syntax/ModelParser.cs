using System;
using System.Collections.Generic;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// Parses one <c>.model</c> file into a <see cref="ModelFileSyntax"/> and its syntax diagnostics (MD1001–MD1099).
/// Never throws and always returns a tree: a declaration whose header cannot be parsed is reported and skipped up to
/// the next line that starts a declaration; errors inside bodies are reported and skipped statement by statement,
/// and the declaration is kept with <see cref="DeclarationSyntax.HasErrors"/> set.
/// </summary>
public static class ModelParser
{
    public static ParseResult Parse(SourceFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var context = new ParseContext(file);
        ModelFileSyntax root;
        try
        {
            root = ParseFile(context);
        }
        catch (Exception exception) when (exception is InvalidOperationException or InsufficientExecutionStackException or IndexOutOfRangeException or ArgumentException or NullReferenceException)
        {
            // Last resort, never expected: a bug in the parser must surface as a located error, not crash the build.
            context.Report(DiagnosticCatalog.UnexpectedToken(
                SourceSpan.FileStart(context.Path),
                "valid syntax",
                $"an internal parser error ({exception.GetType().Name})",
                "please report this file to the ModelDsl maintainers"));
            root = new ModelFileSyntax(context.Span(0, context.Text.Length), null, EquatableArray<ImportDeclarationSyntax>.Empty, EquatableArray<DeclarationSyntax>.Empty);
        }

        return new ParseResult(root, context.Diagnostics.ToEquatableArray());
    }

    private static ModelFileSyntax ParseFile(ParseContext context)
    {
        var text = context.Text;
        NamespaceDeclarationSyntax? namespaceDeclaration = null;
        var imports = new List<ImportDeclarationSyntax>();
        var declarations = new List<DeclarationSyntax>();
        var defaults = new List<DefaultsDeclarationSyntax>();
        var position = 0;
        while (true)
        {
            var at = context.SkipTrivia(position);
            if (at >= text.Length)
            {
                break;
            }

            var errorsBefore = context.ErrorCount;
            var result = Grammar.Declaration(context.At(at));
            if (result.WasSuccessful && result.Remainder.Position > at)
            {
                switch (result.Value)
                {
                    case NamespaceDeclarationSyntax declaration when namespaceDeclaration is not null:
                        context.Report(DiagnosticCatalog.DuplicateNamespace(declaration.Span, namespaceDeclaration.Name, namespaceDeclaration.Span));
                        break;
                    case NamespaceDeclarationSyntax declaration:
                        namespaceDeclaration = declaration;
                        break;
                    case ImportDeclarationSyntax import:
                        imports.Add(import);
                        break;
                    case DefaultsDeclarationSyntax settings:
                        defaults.Add(settings);
                        break;
                    case DeclarationSyntax declaration:
                        declarations.Add(context.ErrorCount > errorsBefore ? declaration with { HasErrors = true } : declaration);
                        break;
                }

                position = result.Remainder.Position;
                continue;
            }

            var failedAt = ReportTopLevel(context, result, at);
            position = failedAt > at && Lexer.IsFirstOnLine(text, failedAt) && context.IsDeclarationStart(failedAt)
                ? failedAt
                : SyntaxErrors.SkipDeclaration(text, failedAt + 1);
        }

        return new ModelFileSyntax(context.Span(0, text.Length), namespaceDeclaration, imports.ToEquatableArray(), declarations.ToEquatableArray())
        {
            Defaults = defaults.ToEquatableArray(),
        };
    }

    /// <summary>Reports why no declaration could be parsed at <paramref name="at"/>; returns where the error is.</summary>
    private static int ReportTopLevel(ParseContext context, Sprache.IResult<SyntaxNode> failure, int at)
    {
        var text = context.Text;
        if (failure.Remainder.Position > at)
        {
            // The declaration started well (its keyword matched) and broke later: report the precise failure.
            return SyntaxErrors.Report(context, failure);
        }

        if (text[at] == '}')
        {
            context.Report(DiagnosticCatalog.UnmatchedCloseBrace(context.Span(at, at + 1)));
            return at;
        }

        if (!Lexer.StartsToken(text[at]))
        {
            return SyntaxErrors.Report(context, failure);
        }

        var end = SyntaxErrors.TokenEnd(text, at);
        var suggestion = Lexer.IsIdentifierStart(text[at]) ? SyntaxErrors.SuggestDeclarationKeyword(text.Substring(at, end - at)) : null;
        context.Report(DiagnosticCatalog.ExpectedDeclaration(context.Span(at, end), Lexer.DescribeToken(text, at), suggestion));
        return at;
    }
}
