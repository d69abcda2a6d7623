using System.Globalization;
using System.Text;
using ModelDsl.Compiler.Diagnostics;
using Sprache;
using static ModelDsl.Compiler.Syntax.Combinators;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// Token parsers: each skips the comments and whitespace before it, scans its token directly in the text and
/// returns the input just after it, so spans never include trivia. Lexical errors (bad numbers, strings, escapes)
/// are reported here and the token still succeeds, so one typo costs one diagnostic and parsing goes on.
/// </summary>
internal static class Tokens
{
    /// <summary>Punctuation such as <c>{</c> or <c>|&gt;</c>; the value is its span.</summary>
    public static Parser<SourceSpan> Symbol(string text)
    {
        var expectations = new[] { "'" + text + "'" };
        return input =>
        {
            var context = Context(input);
            var at = context.SkipTrivia(input.Position);
            return string.CompareOrdinal(context.Text, at, text, 0, text.Length) == 0
                ? Result.Success(context.Span(at, at + text.Length), context.At(at + text.Length))
                : Result.Failure<SourceSpan>(context.At(at), "unexpected token", expectations);
        };
    }

    /// <summary>A reserved word, matched as a whole word (<c>let</c> does not match <c>letter</c>).</summary>
    public static Parser<SourceSpan> Keyword(string keyword)
    {
        var expectations = new[] { "'" + keyword + "'" };
        return input =>
        {
            var context = Context(input);
            var at = context.SkipTrivia(input.Position);
            var end = Lexer.ScanIdentifier(context.Text, at);
            return end - at == keyword.Length && string.CompareOrdinal(context.Text, at, keyword, 0, keyword.Length) == 0
                ? Result.Success(context.Span(at, end), context.At(end))
                : Result.Failure<SourceSpan>(context.At(at), "unexpected token", expectations);
        };
    }

    /// <summary>Any identifier, keywords included: setting keys (<c>train:</c> inside <c>data</c>), argument names and
    /// values (<c>freeze: [stem]</c>) may be keywords because the context makes them unambiguous.</summary>
    /// <summary>The longest name accepted: every name may become a C# identifier (at most 1,024 bytes in metadata)
    /// and part of a generated file's name (paths are limited too), and 128 characters is more than any name needs.</summary>
    public const int MaxNameLength = 128;

    public static Parser<IdentifierSyntax> AnyName(string expectation) => input =>
    {
        var context = Context(input);
        var at = context.SkipTrivia(input.Position);
        if (at >= context.Text.Length || !Lexer.IsIdentifierStart(context.Text[at]))
        {
            return Fail<IdentifierSyntax>(context.At(at), expectation);
        }

        var end = Lexer.ScanIdentifier(context.Text, at);
        if (end - at > MaxNameLength)
        {
            // Reported but accepted, so the rest of the declaration is still checked; nothing is emitted for it.
            context.Report(DiagnosticCatalog.NameTooLong(context.Span(at, end), end - at, MaxNameLength));
        }

        return Result.Success(new IdentifierSyntax(context.Span(at, end), context.Text.Substring(at, end - at)), context.At(end));
    };

    /// <summary>An identifier that is not a keyword (fails without consuming on a keyword), e.g. the layer of a call.</summary>
    public static Parser<IdentifierSyntax> PlainName(string expectation)
    {
        var name = AnyName(expectation);
        return input =>
        {
            var result = name(input);
            return result.WasSuccessful && Keywords.IsKeyword(result.Value.Name)
                ? Fail<IdentifierSyntax>(Context(input).At(result.Value.Span.Start), expectation)
                : result;
        };
    }

    /// <summary>A name being declared (a model, block, parameter, let, output, alias...). A keyword is reported
    /// (MD1006) but accepted, so the rest of the declaration is still checked.</summary>
    public static Parser<IdentifierSyntax> DeclaredName(string what)
    {
        var name = AnyName(what);
        return input =>
        {
            var result = name(input);
            if (result.WasSuccessful && Keywords.IsKeyword(result.Value.Name))
            {
                Context(input).Report(DiagnosticCatalog.KeywordAsName(result.Value.Span, result.Value.Name, what));
            }

            return result;
        };
    }

    /// <summary><c>512</c> (int), <c>0.5</c> or <c>1e-4</c> (float). A malformed or out-of-range literal is reported
    /// (MD1004) and read as 0.</summary>
    public static readonly Parser<ExpressionSyntax> Number = input =>
    {
        var context = Context(input);
        var at = context.SkipTrivia(input.Position);
        if (at >= context.Text.Length || !Lexer.IsDigit(context.Text[at]))
        {
            return Fail<ExpressionSyntax>(context.At(at), "a number");
        }

        var end = Lexer.ScanNumber(context.Text, at, out var isFloat, out var isValid);
        var text = context.Text.Substring(at, end - at);
        var span = context.Span(at, end);
        ExpressionSyntax literal;
        if (!isValid)
        {
            context.Report(DiagnosticCatalog.InvalidNumber(span, text, "expected digits, an optional fraction ('0.5') and an optional exponent ('1e-4'); separate it from the name after it"));
            literal = isFloat ? new FloatLiteralSyntax(span, 0, text) : new IntegerLiteralSyntax(span, 0);
        }
        else if (isFloat)
        {
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                context.Report(DiagnosticCatalog.InvalidNumber(span, text, "it is too large for a 64-bit floating-point number"));
                value = 0;
            }

            literal = new FloatLiteralSyntax(span, value, text);
        }
        else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            literal = new IntegerLiteralSyntax(span, value);
        }
        else
        {
            context.Report(DiagnosticCatalog.InvalidNumber(span, text, $"an integer must be at most {int.MaxValue}; write a float ('{text}.0') if a large value is meant"));
            literal = new IntegerLiteralSyntax(span, 0);
        }

        return Result.Success(literal, context.At(end));
    };

    /// <summary><c>"..."</c> with <c>\"</c> and <c>\\</c> escapes. A string that reaches the end of its line is
    /// reported (MD1002) and ends there; another escape is reported (MD1010) and kept as written.</summary>
    public static readonly Parser<StringLiteralSyntax> String = input =>
    {
        var context = Context(input);
        var text = context.Text;
        var at = context.SkipTrivia(input.Position);
        if (at >= text.Length || text[at] != '"')
        {
            return Fail<StringLiteralSyntax>(context.At(at), "a string");
        }

        var value = new StringBuilder();
        var i = at + 1;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n' || text[i] == '\r')
            {
                var span = context.Span(at, i);
                context.Report(DiagnosticCatalog.UnterminatedString(span));
                context.UnterminatedStringEnd = i;
                return Result.Success(new StringLiteralSyntax(span, value.ToString()), context.At(i));
            }

            var c = text[i];
            if (c == '"')
            {
                return Result.Success(new StringLiteralSyntax(context.Span(at, i + 1), value.ToString()), context.At(i + 1));
            }

            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
            {
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n' && text[i + 1] != '\r')
            {
                context.Report(DiagnosticCatalog.InvalidEscape(context.Span(i, i + 2), text.Substring(i, 2)));
                value.Append(c).Append(text[i + 1]);
                i += 2;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
    };
}
