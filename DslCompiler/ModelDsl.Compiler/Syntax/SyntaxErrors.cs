using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using Sprache;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// Turning a failed parse into one diagnostic, and finding where parsing can resume after it (error recovery in the
/// style of Bicep's parser: skip to the end of the broken statement, or to the next declaration).
/// </summary>
internal static class SyntaxErrors
{
    /// <summary>Reports <paramref name="failure"/> at the token where it happened: MD1005 for a character that starts
    /// no token, MD1001 otherwise ("expected X or Y but found Z"). Returns the position of that token.</summary>
    public static int Report<T>(ParseContext context, IResult<T> failure)
    {
        var at = context.SkipTrivia(failure.Remainder.Position);
        if (failure.Expectations.Contains(Combinators.TooDeep))
        {
            return at;
        }

        if (context.UnterminatedStringEnd >= 0 && context.SkipTrivia(context.UnterminatedStringEnd) == at)
        {
            // The token right after an unterminated string: the string's MD1002 already explains the problem.
            return at;
        }

        var expected = FormatExpectations(failure.Expectations);
        var text = context.Text;
        if (at < text.Length && !Lexer.StartsToken(text[at]))
        {
            var width = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
            context.Report(DiagnosticCatalog.InvalidCharacter(context.Span(at, at + width), Lexer.DescribeCharacter(text, at), expected));
            return at;
        }

        if (at < text.Length && text[at] == '"' && IsUnterminatedString(text, at, out var end))
        {
            // An unterminated string where something else was expected: the string is the problem to fix first.
            context.Report(DiagnosticCatalog.UnterminatedString(context.Span(at, end)));
            return at;
        }

        var found = Lexer.DescribeToken(text, at);
        context.Report(DiagnosticCatalog.UnexpectedToken(context.Span(at, TokenEnd(text, at)), expected, found, Fix(failure.Expectations, text, at)));
        return at;
    }

    private static bool IsUnterminatedString(string text, int position, out int end)
    {
        end = TokenEnd(text, position);
        return end == position + 1 || text[end - 1] != '"';
    }

    /// <summary>"'a'", "'a' or 'b'", "'a', 'b' or 'c'".</summary>
    public static string FormatExpectations(IEnumerable<string> expectations)
    {
        var list = expectations.Where(e => !string.IsNullOrEmpty(e)).Distinct().ToList();
        if (list.Count == 0)
        {
            return "something else";
        }

        if (list.Count > 6)
        {
            list = list.Take(6).Concat(new[] { "..." }).ToList();
        }

        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
    }

    /// <summary>The end of the token starting at <paramref name="position"/> (for the span of "found ...").</summary>
    public static int TokenEnd(string text, int position)
    {
        if (position >= text.Length)
        {
            return position;
        }

        var c = text[position];
        if (Lexer.IsIdentifierStart(c))
        {
            return Lexer.ScanIdentifier(text, position);
        }

        if (Lexer.IsDigit(c))
        {
            return Lexer.ScanNumber(text, position, out _, out _);
        }

        if (c == '"')
        {
            var i = position + 1;
            while (i < text.Length && text[i] != '"' && text[i] != '\n' && text[i] != '\r')
            {
                i += text[i] == '\\' && i + 1 < text.Length ? 2 : 1;
            }

            return i < text.Length && text[i] == '"' ? i + 1 : i;
        }

        return c == '|' && position + 1 < text.Length && text[position + 1] == '>' ? position + 2 : position + 1;
    }

    /// <summary>
    /// Where a body resumes after a broken statement that failed at <paramref name="from"/>: just after the end of
    /// that line (brackets opened on it may span lines), before a <c>}</c> that closes the body, or at a line that
    /// starts a new declaration (the body's own <c>}</c> is then missing, which the body reports).
    /// </summary>
    public static int SkipStatement(string text, int from) => Skip(text, from, stopAtLineEnd: true);

    /// <summary>Where the top level resumes after a broken declaration: the next line that starts a declaration.</summary>
    public static int SkipDeclaration(string text, int from) => Skip(text, from, stopAtLineEnd: false);

    private static int Skip(string text, int from, bool stopAtLineEnd)
    {
        var depth = 0;
        var i = from;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' || c == '\r')
            {
                i++;
                if (c == '\r' && i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                var lineStart = i;
                while (lineStart < text.Length && (text[lineStart] == ' ' || text[lineStart] == '\t'))
                {
                    lineStart++;
                }

                if (Lexer.IsDeclarationStart(text, lineStart))
                {
                    return lineStart;
                }

                if (stopAtLineEnd && depth == 0)
                {
                    return i;
                }

                continue;
            }

            if (c == '"')
            {
                i = TokenEnd(text, i);
                continue;
            }

            if (c == '/' && i + 1 < text.Length && (text[i + 1] == '/' || text[i + 1] == '*'))
            {
                i = Lexer.SkipTrivia(text, i, out _);
                continue;
            }

            if (c == '(' || c == '[' || c == '{')
            {
                depth++;
            }
            else if (c == ')' || c == ']' || c == '}')
            {
                if (depth > 0)
                {
                    depth--;
                }
                else if (c == '}' && stopAtLineEnd)
                {
                    return i;
                }
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>A likely-meant declaration keyword for a misspelt one (<c>modle</c> → <c>model</c>), or null.</summary>
    public static string? SuggestDeclarationKeyword(string word)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var keyword in Keywords.Declarations)
        {
            var distance = EditDistance(word.ToLowerInvariant(), keyword);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = keyword;
            }
        }

        return bestDistance <= (word.Length >= 4 ? 2 : 1) ? best : null;
    }

    private static string? Fix(IEnumerable<string> expectations, string text, int at)
    {
        var set = new HashSet<string>(expectations);
        var foundName = at < text.Length && (Lexer.IsIdentifierPart(text[at]) || text[at] == '"');
        if ((set.Contains("')'") || set.Contains("']'")) && set.Contains("','") && Lexer.IsFirstOnLine(text, at))
        {
            return set.Contains("')'") ? "add ')' at the end of the previous line" : "add ']' at the end of the previous line";
        }

        if (set.Contains("','") && set.Contains("')'") && foundName)
        {
            return "separate arguments with ','";
        }

        if (set.Contains("','") && set.Contains("']'") && foundName)
        {
            return "separate list elements with ','";
        }

        if (set.Count == 1 && set.Contains("'('") && at < text.Length && text[at] == '=')
        {
            return "to name a tensor write 'let NAME = PIPELINE', e.g. 'let shortcut = x |> relu()'";
        }

        if (set.Count == 1 && set.Contains("'('") && at < text.Length && text[at] == ':')
        {
            return "'key: value' settings belong in a train declaration; a layer takes its arguments in parentheses";
        }

        if (set.Count == 1 && set.Contains("'('"))
        {
            return "a layer call needs parentheses, e.g. 'flatten()'";
        }

        if (set.Contains("'{'") && at < text.Length && text[at] == '(')
        {
            return "only blocks and groups take parameters";
        }

        return null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
