using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>Python literals that cannot break out of their token: strings with everything outside printable ASCII
/// escaped, round-trip floats, and comment text without line breaks.</summary>
internal static class PythonLiterals
{
    public static string String(string value)
    {
        var result = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    result.Append("\\\"");
                    break;
                case '\\':
                    result.Append("\\\\");
                    break;
                default:
                    if (c is >= ' ' and <= '~')
                    {
                        result.Append(c);
                    }
                    else
                    {
                        result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return result.Append('"').ToString();
    }

    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "float(\"nan\")";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "float(\"inf\")" : "float(\"-inf\")";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
        return text.IndexOfAny(new[] { '.', 'e' }) >= 0 ? text : text + ".0";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A tuple literal (<c>(1,)</c> for one element).</summary>
    public static string Tuple(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? "(" + list[0] + ",)" : "(" + string.Join(", ", list) + ")";
    }

    /// <summary>Text for a <c>#</c> comment or a docstring: control characters and line separators become spaces,
    /// backslashes and quotes are dropped, so it can end neither the line nor the string.</summary>
    public static string Comment(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in CSharpLiterals.CommentText(text))
        {
            result.Append(c is '\\' or '"' ? ' ' : c);
        }

        return result.ToString();
    }
}
