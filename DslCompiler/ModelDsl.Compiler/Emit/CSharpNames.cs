using System.Collections.Generic;
using System.Text;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Turns names from <c>.model</c> files into C# identifiers. The lexer only admits <c>[A-Za-z_][A-Za-z0-9_]*</c>,
/// but the emitter does not rely on that: every character outside that set is dropped, a leading digit gets an
/// underscore, and C# keywords are escaped with <c>@</c>, so no name can change the meaning of generated code.
/// </summary>
public static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // Undocumented, but keywords to csc all the same: unescaped, each is a syntax error (CS1519).
        "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    // Contextual keywords that change meaning in the positions generated code uses them (locals, members, types).
    private static readonly HashSet<string> ContextualKeywords = new()
    {
        "add", "and", "alias", "args", "async", "await", "by", "descending", "dynamic", "equals", "field", "file",
        "from", "get", "global", "group", "init", "into", "join", "let", "managed", "nameof", "nint", "not",
        "notnull", "nuint", "on", "or", "orderby", "partial", "record", "remove", "required", "scoped", "select",
        "set", "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    /// <summary><c>residual_group</c> → <c>ResidualGroup</c>; <c>conv2d_1</c> → <c>Conv2d_1</c>.</summary>
    /// <remarks>
    /// An underscore before a digit is kept (<c>conv2d_1</c> is not <c>Conv2d1</c>, which <c>conv2d1</c> would
    /// also give), so distinct source names stay distinct in the common cases; <see cref="NameScope"/> settles the rest.
    /// </remarks>
    public static string ToPascalCase(string name)
    {
        var clean = Clean(name);
        var result = new StringBuilder(clean.Length);
        var upperNext = true;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            if (c == '_')
            {
                var beforeDigit = result.Length > 0 && i + 1 < clean.Length && char.IsDigit(clean[i + 1]);
                if (beforeDigit)
                {
                    result.Append('_');
                }

                upperNext = true;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return Finish(result.ToString());
    }

    /// <summary><c>residual_group</c> → <c>residualGroup</c> (locals and parameters).</summary>
    public static string ToCamelCase(string name)
    {
        var pascal = ToPascalCase(name);
        if (pascal.StartsWith("@", System.StringComparison.Ordinal))
        {
            pascal = pascal.Substring(1);
        }

        var camel = pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Finish(camel);
    }

    /// <summary><c>conv2d_1</c> → <c>_conv2d_1</c> (private fields, following the house <c>_camelCase</c> rule).</summary>
    public static string ToFieldName(string name)
    {
        var camel = ToCamelCase(name);
        return "_" + (camel.StartsWith("@", System.StringComparison.Ordinal) ? camel.Substring(1) : camel);
    }

    /// <summary>A name kept as written (only cleaned and escaped), e.g. a record property that mirrors the source.</summary>
    public static string ToIdentifier(string name) => Finish(Clean(name));

    /// <summary>Whether <paramref name="text"/> is a plain C# identifier (letters, digits, underscores; not a keyword).</summary>
    public static bool IsPlainIdentifier(string text)
    {
        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsIdentifierChar(c))
            {
                return false;
            }
        }

        return !Keywords.Contains(text) && !ContextualKeywords.Contains(text);
    }

    /// <summary>
    /// A dotted C# namespace, each part cleaned and escaped; an unusable name falls back to <paramref name="fallback"/>.
    /// </summary>
    public static string ToNamespace(string? name, string fallback)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var parts = name!.Split('.');
        var cleaned = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var clean = Clean(part);
            if (clean.Length == 0)
            {
                continue;
            }

            cleaned.Add(Finish(clean));
        }

        return cleaned.Count == 0 ? fallback : string.Join(".", cleaned);
    }

    private static bool IsIdentifierChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    private static string Clean(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (IsIdentifierChar(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static string Finish(string identifier)
    {
        if (identifier.Length == 0)
        {
            return "_";
        }

        if (char.IsDigit(identifier[0]))
        {
            identifier = "_" + identifier;
        }

        return Keywords.Contains(identifier) || ContextualKeywords.Contains(identifier)
            ? "@" + identifier
            : identifier;
    }
}
