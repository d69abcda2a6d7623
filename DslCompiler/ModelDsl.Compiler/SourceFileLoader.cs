using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler;

/// <summary>
/// Reads <c>.model</c> files and, transitively, the files they import, from disk (for the CLI; the source generator
/// gets its files from MSBuild and never touches the disk). A file that cannot be read becomes a diagnostic; the
/// import itself is then reported as not found by the compiler.
/// </summary>
/// <remarks>
/// Every path here may come from an untrusted <c>.model</c> file (<c>import "/dev/zero"</c>), so only regular files of
/// at most <see cref="MaxFileBytes"/> are read: a FIFO would block the reader forever and a device never ends. An import
/// or a command-line input that does not name a <c>.model</c> file is not read at all (MD2085), so no diagnostic can
/// quote the first token of <c>/etc/shadow</c>.
/// </remarks>
public static class SourceFileLoader
{
    /// <summary>The largest <c>.model</c> file read: 16 MiB, far beyond any real model and small enough to hold.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

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

            if (!ImportResolver.NamesModelFile(path) && !Directory.Exists(path))
            {
                // Never opened: an import gets MD2085 at the import from the compiler, a command-line input here (a
                // directory keeps MD2030's "it is a directory", which says more).
                if (importedAt is null)
                {
                    diagnostics.Add(DiagnosticCatalog.InputNotModelFileAt(SourceSpan.FileStart(path), path));
                }

                continue;
            }

            string text;
            try
            {
                text = ReadBounded(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // An import that cannot be read is reported by the compiler as "import not found" at the import; one
                // that is not a regular file or too large also gets the reason, at the import.
                if (importedAt is null)
                {
                    diagnostics.Add(DiagnosticCatalog.FileNotReadableAt(SourceSpan.FileStart(path), path, Reason(exception)));
                }
                else if (exception is UnsuitableFileException)
                {
                    diagnostics.Add(DiagnosticCatalog.FileNotReadableAt(importedAt, path, Reason(exception)));
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

    /// <summary>The text of a regular file of at most <see cref="MaxFileBytes"/> (UTF-8, or as its byte order mark says).</summary>
    private static string ReadBounded(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UnsuitableFileException("it is a directory; name a .model file");
        }

        if (UnixFileType.IsSpecial(path))
        {
            throw new UnsuitableFileException("it is not a regular file (a device, FIFO or socket); name a .model file");
        }

        var declared = new FileInfo(path).Length; // throws FileNotFoundException for a missing file
        if (declared > MaxFileBytes)
        {
            throw TooLarge(declared);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan);
        // Read at most one byte past the limit: the length seen above may be 0 for files that still produce bytes.
        var buffer = new byte[Math.Min(declared, MaxFileBytes) + 1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > MaxFileBytes)
                {
                    throw TooLarge(null);
                }

                Array.Resize(ref buffer, (int)Math.Min(MaxFileBytes + 1, Math.Max(4096L, buffer.Length * 2L)));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, total), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static UnsuitableFileException TooLarge(long? length) => new(
        (length is null ? "the file is larger than" : $"the file is {length:N0} bytes, larger than")
        + $" the limit of {MaxFileBytes:N0} bytes (16 MiB) for a .model file");

    private static string Reason(Exception exception) => exception switch
    {
        FileNotFoundException => "the file does not exist",
        DirectoryNotFoundException => "the directory does not exist",
        UnauthorizedAccessException => "access is denied",
        _ => exception.Message,
    };

    /// <summary>A path that names something other than a regular file of bounded size.</summary>
    private sealed class UnsuitableFileException : IOException
    {
        public UnsuitableFileException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Whether a path names a FIFO, device or socket. .NET has no public API for the file type, so this asks the
    /// runtime's own native shim (<c>SystemNative_Stat</c>, whose status struct starts with two 32-bit fields, flags and
    /// mode). Where the shim is missing (Windows, other runtimes) the answer is "no" and the size bound still holds.
    /// </summary>
    private static class UnixFileType
    {
        private const int TypeMask = 0xF000;
        private const int Regular = 0x8000;
        private const int Directory = 0x4000;

        public static bool IsSpecial(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return false;
            }

            try
            {
                var status = new byte[512]; // larger than any version of the struct
                if (Stat(path, status) != 0)
                {
                    return false; // missing or unreadable: the open that follows reports why
                }

                var type = BitConverter.ToInt32(status, 4) & TypeMask;
                return type != Regular && type != Directory;
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return false;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
        private static extern int Stat(string path, [Out] byte[] status);
    }
}
