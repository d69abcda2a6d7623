using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Checks that every <c>import</c> names a file of this compilation. Paths are relative to the importing file, with
/// <c>/</c> or <c>\</c>, <c>.</c> and <c>..</c>, compared case-insensitively. Names are global across the compilation
/// (a project compiles all its <c>.model</c> files together), so an import does not change name lookup; it states a
/// dependency, which the CLI follows to load files (<see cref="SourceFileLoader"/>).
/// </summary>
internal static class ImportResolver
{
    public static void Check(IReadOnlyList<ModelFileSyntax> files, DiagnosticBag diagnostics)
    {
        var known = new HashSet<string>(files.Select(f => Normalize(f.Span.FilePath)), StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            foreach (var import in file.Imports)
            {
                var resolved = Resolve(file.Span.FilePath, import.Path.Value);
                if (!NamesModelFile(resolved))
                {
                    diagnostics.Add(DiagnosticCatalog.ImportNotModelFileAt(import.Path.Span, import.Path.Value));
                }
                else if (!known.Contains(resolved))
                {
                    diagnostics.Add(DiagnosticCatalog.ImportNotFoundAt(import.Path.Span, import.Path.Value, resolved));
                }
            }
        }
    }

    /// <summary>Whether a path ends in <c>.model</c> (any case): imports may only name <c>.model</c> files, so that
    /// <c>import "/etc/shadow"</c> is refused without reading it (nothing of its content can reach a diagnostic).</summary>
    public static bool NamesModelFile(string path) => path.EndsWith(".model", StringComparison.OrdinalIgnoreCase);

    /// <summary>The normalized path of <paramref name="importPath"/> written in <paramref name="importingFile"/>.</summary>
    public static string Resolve(string importingFile, string importPath)
    {
        var normalizedImport = importPath.Replace('\\', '/');
        if (normalizedImport.StartsWith("/", StringComparison.Ordinal) || (normalizedImport.Length > 1 && normalizedImport[1] == ':'))
        {
            return Normalize(normalizedImport);
        }

        var importing = importingFile.Replace('\\', '/');
        var slash = importing.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : importing.Substring(0, slash + 1);
        return Normalize(directory + normalizedImport);
    }

    public static string Normalize(string path)
    {
        var parts = new List<string>();
        var unified = path.Replace('\\', '/');
        var rooted = unified.StartsWith("/", StringComparison.Ordinal);
        foreach (var part in unified.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return (rooted ? "/" : string.Empty) + string.Join("/", parts);
    }
}
