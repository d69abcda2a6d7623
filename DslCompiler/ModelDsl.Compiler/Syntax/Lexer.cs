using System.Globalization;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// Character-level scanning shared by the token parsers and by error recovery: trivia, identifiers, numbers,
/// strings. Plain loops over the text (no allocation per character), which keeps the grammar linear and fast.
/// </summary>
internal static class Lexer
{
    public static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Characters that begin a token of the language; anything else is an invalid character.</summary>
    public static bool StartsToken(char c) => IsIdentifierPart(c) || "\"{}()[],:=|.+-*/%".IndexOf(c) >= 0;

    /// <summary>Skips whitespace, <c>// line</c> and <c>/* block */</c> comments. An unterminated block comment runs
    /// to the end; its start is returned in <paramref name="unterminatedCommentStart"/> (-1 when none).</summary>
    public static int SkipTrivia(string text, int position, out int unterminatedCommentStart)
    {
        unterminatedCommentStart = -1;
        var i = position;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                if (close < 0)
                {
                    unterminatedCommentStart = i;
                    return text.Length;
                }

                i = close + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    public static int ScanIdentifier(string text, int position)
    {
        var i = position;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Scans a numeric literal starting at a digit: <c>digits [. digits] [(e|E) [+|-] digits]</c>. Letters,
    /// digits, dots and underscores glued to it are taken too (so <c>12ab</c> or <c>1.2.3</c> is one bad number, not
    /// several tokens); <paramref name="isValid"/> tells whether the whole run is a well-formed literal.</summary>
    public static int ScanNumber(string text, int position, out bool isFloat, out bool isValid)
    {
        var i = position;
        isFloat = false;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
        {
            isFloat = true;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        isValid = true;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            isFloat = true;
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && IsDigit(text[j]))
            {
                while (j < text.Length && IsDigit(text[j]))
                {
                    j++;
                }

                i = j;
            }
            else
            {
                isValid = false;
                i = j;
            }
        }

        // Glued junk makes the whole run one invalid literal; a '.' followed by a name is member access, not junk.
        while (i < text.Length && (IsIdentifierPart(text[i]) || (text[i] == '.' && i + 1 < text.Length && IsDigit(text[i + 1]))))
        {
            isValid = false;
            i++;
        }

        return i;
    }

    /// <summary>True when a declaration keyword followed by a name or a string starts at <paramref name="position"/>.</summary>
    public static bool IsDeclarationStart(string text, int position)
    {
        if (position >= text.Length || !IsIdentifierStart(text[position]))
        {
            return false;
        }

        var end = ScanIdentifier(text, position);
        var word = text.Substring(position, end - position);
        if (System.Array.IndexOf(Keywords.Declarations, word) < 0)
        {
            return false;
        }

        // The next token must be on the same line: "model" alone on a line is not a declaration start.
        var next = end;
        while (next < text.Length && (text[next] == ' ' || text[next] == '\t'))
        {
            next++;
        }

        return next > end && next < text.Length && (IsIdentifierStart(text[next]) || text[next] == '"');
    }

    /// <summary>True when <paramref name="position"/> is the first non-blank character of its line.</summary>
    public static bool IsFirstOnLine(string text, int position)
    {
        var i = position - 1;
        while (i >= 0 && (text[i] == ' ' || text[i] == '\t'))
        {
            i--;
        }

        return i < 0 || text[i] == '\n' || text[i] == '\r';
    }

    /// <summary>How a "but found ..." message names the token at <paramref name="position"/>.</summary>
    public static string DescribeToken(string text, int position)
    {
        if (position >= text.Length)
        {
            return "the end of the file";
        }

        var c = text[position];
        if (IsIdentifierStart(c))
        {
            var word = text.Substring(position, ScanIdentifier(text, position) - position);
            return Keywords.IsKeyword(word) ? $"the keyword '{word}'" : $"'{Truncate(word)}'";
        }

        if (IsDigit(c))
        {
            var end = ScanNumber(text, position, out _, out _);
            return $"'{Truncate(text.Substring(position, end - position))}'";
        }

        if (c == '"')
        {
            return "a string";
        }

        if (c == '|' && position + 1 < text.Length && text[position + 1] == '>')
        {
            return "'|>'";
        }

        return StartsToken(c) ? $"'{c}'" : DescribeCharacter(text, position);
    }

    /// <summary><c>'@'</c>, or the code point for characters that do not print (<c>U+0000</c>).</summary>
    public static string DescribeCharacter(string text, int position)
    {
        var c = text[position];
        var codePoint = char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1])
            ? char.ConvertToUtf32(c, text[position + 1])
            : c;
        var code = "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);
        return char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? code : $"'{c}' ({code})";
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s.Substring(0, 37) + "...";
}
