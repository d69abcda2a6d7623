using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ModelDsl.Compiler;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// Makes the emitter's hint names safe for <c>AddSource</c>, which throws on characters outside a file name and on a
/// name used twice. Two declarations with one name are a compiler error, so the compiler should never emit a
/// duplicate; this is the last line of defence that keeps the generator from throwing anyway.
/// </summary>
public static class HintNames
{
    private const string Suffix = ".g.cs";

    public static EquatableArray<GeneratedSource> MakeUnique(IEnumerable<EquatableArray<GeneratedSource>> units)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<GeneratedSource>();
        foreach (var source in units.SelectMany(unit => unit))
        {
            var hintName = Sanitize(source.HintName);
            if (used.Add(hintName))
            {
                result.Add(hintName == source.HintName ? source : source with { HintName = hintName });
            }
        }

        return result.ToEquatableArray();
    }

    public static string Sanitize(string hintName)
    {
        var builder = new StringBuilder(hintName.Length + Suffix.Length);
        foreach (var c in hintName)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '_');
        }

        if (builder.Length == 0)
        {
            builder.Append("Model");
        }

        var name = builder.ToString();
        return name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? name : name + Suffix;
    }
}
