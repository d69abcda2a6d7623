using System;
using System.IO;
using System.Linq;

namespace ModelDsl.Runtime.Data;

/// <summary>Helpers that make "file not found" messages actionable.</summary>
internal static class DataPaths
{
    /// <summary>
    /// Describes where a missing path was looked for: the absolute path when it differs, and what the nearest
    /// existing parent folder contains, so a typo is visible in the message itself.
    /// </summary>
    public static string DescribeMissing(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return " (the path is not valid)";
        }

        var text = full == path ? string.Empty : $" (looked for '{full}')";
        var parent = Path.GetDirectoryName(full);
        while (parent is not null && !Directory.Exists(parent))
        {
            parent = Path.GetDirectoryName(parent);
        }

        if (parent is null)
        {
            return text;
        }

        try
        {
            var entries = Directory.EnumerateFileSystemEntries(parent)
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
                .Take(11)
                .ToList();
            var listing = entries.Count == 0
                ? "is empty"
                : "contains " + string.Join(", ", entries.Take(10).Select(e => $"'{e}'")) + (entries.Count > 10 ? ", ..." : string.Empty);
            return $"{text}; the folder '{parent}' {listing}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return text;
        }
    }
}
