using System;
using System.Collections.Generic;
using System.Globalization;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Hands out unique C# identifiers within one scope (a class's members, a method's locals). A name that is taken
/// (by an earlier name or by a reserved member such as <c>forward</c> or the enclosing type's own name) gets the
/// first free numeric suffix, so two source names that map to one identifier still compile.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public NameScope(params string[] reserved)
    {
        foreach (var name in reserved)
        {
            _taken.Add(Unescaped(name));
        }
    }

    /// <summary>Marks <paramref name="identifier"/> as used without renaming it.</summary>
    public void Reserve(string identifier) => _taken.Add(Unescaped(identifier));

    /// <summary>Returns <paramref name="identifier"/>, or it with the first free suffix when it is taken.</summary>
    public string Claim(string identifier)
    {
        var bare = Unescaped(identifier);
        if (_taken.Add(bare))
        {
            return identifier;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = bare + suffix.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                // A suffixed name is never a keyword, so the escape is dropped.
                return candidate;
            }
        }
    }

    private static string Unescaped(string identifier) =>
        identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;
}
