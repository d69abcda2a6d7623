using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ModelDsl.Compiler;

namespace ModelDsl.Generators.Pipeline;

/// <summary>
/// Makes the emitter's hint names safe for <c>AddSource</c>, which throws on characters outside a file name and on a
/// name used twice (case-insensitively, as on Windows and macOS disks). Two declarations with one C# name are a compiler
/// error (MD2081/MD2082), so the compiler should never emit a duplicate; this is the last line of defence that keeps the
/// generator from throwing anyway: it renames (<c>-2</c>), never drops. Names longer than <see cref="MaxLength"/>
/// are cut and end in a hash of the whole name, so every hint stays unique and short enough for any file system.
/// </summary>
public static class HintNames
{
    private const string Suffix = ".g.cs";

    /// <summary>The longest hint name kept as is, without its <c>.g.cs</c>.</summary>
    public const int MaxLength = 96;

    private static string Stem(string hintName) =>
        hintName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) ? hintName.Substring(0, hintName.Length - Suffix.Length)
        : hintName.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? hintName.Substring(0, hintName.Length - 3)
        : hintName;

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public static EquatableArray<GeneratedSource> MakeUnique(IEnumerable<EquatableArray<GeneratedSource>> units)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<GeneratedSource>();
        foreach (var source in units.SelectMany(unit => unit))
        {
            var hintName = Sanitize(source.HintName);
            // The compiler reports names that collide (MD2081/MD2082), so this only renames, never drops a file.
            for (var suffix = 2; !used.Add(hintName); suffix++)
            {
                hintName = Sanitize(Stem(source.HintName) + "-" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            result.Add(hintName == source.HintName ? source : source with { HintName = hintName });
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

        var name = Stem(builder.ToString());
        if (name.Length > MaxLength)
        {
            // Long namespaces and names: a readable prefix and a hash of the whole name keep it unique and short
            // enough for every file system (obj/ paths are limited to 260 characters on some).
            name = name.Substring(0, MaxLength - 17) + "-" + Fnv1a(name).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        return name + Suffix;
    }
}
