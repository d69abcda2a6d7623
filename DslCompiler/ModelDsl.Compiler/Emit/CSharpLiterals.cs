using System.Globalization;
using System.Text;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Renders values as C# literals and text as comments. Strings are regular (not verbatim) literals in which every
/// character outside printable ASCII is an escape, so no quote, backslash, line break or bidirectional control
/// from a <c>.model</c> file reaches generated code unescaped.
/// </summary>
public static class CSharpLiterals
{
    /// <summary>A C# string literal, quotes included.</summary>
    public static string String(string value)
    {
        var result = new StringBuilder(value.Length + 2);
        result.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                case '\0': result.Append("\\0"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        result.Append(c);
                    }

                    break;
            }
        }

        result.Append('"');
        return result.ToString();
    }

    /// <summary>A <c>double</c> literal that round-trips (<c>0.001</c>, <c>1E-05</c>, <c>2.0</c>).</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>A <c>float</c> literal (<c>0.5f</c>).</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    /// <summary>A <c>long</c> literal; <see cref="long.MinValue"/> cannot be written as a negated literal.</summary>
    public static string Long(long value) =>
        value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An <c>int</c> literal.</summary>
    public static string Int(int value) =>
        value == int.MinValue ? "int.MinValue" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// Text for a <c>//</c> comment: line terminators (including U+0085, U+2028, U+2029, which end a C# line) and
    /// other control characters become spaces, so the comment cannot end early and start code.
    /// </summary>
    public static string CommentText(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsControl(c) || c == '\u2028' || c == '\u2029' || IsBidiControl(c) ? ' ' : c);
        }

        return result.ToString();
    }

    /// <summary>Text for an XML documentation comment: a <see cref="CommentText"/> with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped.</summary>
    public static string XmlDocText(string text) =>
        CommentText(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    // Trojan-source defence: bidirectional overrides could make a comment look like code in an editor.
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Escapes a file path or other free text for a one-line comment header.</summary>
    public static string Quote(string text) => CommentText(text).Trim();
}
