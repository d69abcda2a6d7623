using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler;

/// <summary>
/// Reads <c>.model</c> files and, transitively, the files they import, from disk (for the CLI; the source generator
/// gets its files from MSBuild and never touches the disk). A file that cannot be read becomes a diagnostic; the
/// import itself is then reported as not found by the compiler.
/// </summary>
public static class SourceFileLoader
{
    public static (IReadOnlyList<SourceFile> Files, IReadOnlyList<Diagnostic> Diagnostics) Load(IEnumerable<string> paths)
    {
        var files = new List<SourceFile>();
        var diagnostics = new List<Diagnostic>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string Path, SourceSpan? ImportedAt)>(paths.Select(p => (p, (SourceSpan?)null)));
        while (pending.Count > 0)
        {
            var (path, importedAt) = pending.Dequeue();
            if (!seen.Add(ImportResolver.Normalize(path)))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // An import that cannot be read is reported by the compiler as "import not found" at the import.
                if (importedAt is null)
                {
                    diagnostics.Add(DiagnosticCatalog.FileNotReadableAt(SourceSpan.FileStart(path), path, Reason(exception)));
                }

                continue;
            }

            var file = new SourceFile(path, text);
            files.Add(file);
            foreach (var import in ModelParser.Parse(file).Root.Imports)
            {
                pending.Enqueue((ImportResolver.Resolve(path, import.Path.Value), import.Path.Span));
            }
        }

        return (files, diagnostics);
    }

    private static string Reason(Exception exception) => exception switch
    {
        FileNotFoundException => "the file does not exist",
        DirectoryNotFoundException => "the directory does not exist",
        UnauthorizedAccessException => "access is denied",
        _ => exception.Message,
    };
}
