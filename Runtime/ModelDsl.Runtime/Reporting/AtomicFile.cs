using System;
using System.IO;
using System.Text.RegularExpressions;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Writes a file so readers see either the old content or the complete new one, never a partial file:
/// the bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        RemoveOrphans(folder, Path.GetFileName(full));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>
    /// Deletes temporary files of earlier writes of <paramref name="name"/> that were interrupted (kill -9, power
    /// loss). Only files untouched for a minute go: a concurrent writer's temporary file is younger than that.
    /// </summary>
    private static void RemoveOrphans(string folder, string name) => RemoveOrphans(folder, target => target == name);

    /// <summary>
    /// Deletes, in <paramref name="folder"/>, the temporary files this class names (<c>.TARGET.32-hex-digits.tmp</c>)
    /// whose TARGET file name <paramref name="isTarget"/> accepts and that are untouched for a minute (a concurrent
    /// writer's temporary file is younger than that). Best effort: a file that cannot be listed or deleted stays.
    /// </summary>
    public static void RemoveOrphans(string folder, Func<string, bool> isTarget)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(isTarget);
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var orphan in Directory.EnumerateFiles(folder, ".*.tmp"))
            {
                var match = TemporaryName.Match(Path.GetFileName(orphan));
                if (match.Success && isTarget(match.Groups["target"].Value) && DateTime.UtcNow - File.GetLastWriteTimeUtc(orphan) > OrphanAge)
                {
                    TryDelete(orphan);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is best effort; the write itself decides success.
        }
    }

    // What Write names its temporary files: a dot, the target's name, a dot, a GUID as 32 hex digits, ".tmp".
    private static readonly Regex TemporaryName = new(@"^\.(?<target>.+)\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);

    /// <summary>How long a temporary file must be untouched before it counts as an orphan.</summary>
    internal static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(1);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temp file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
