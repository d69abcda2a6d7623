using System;
using System.Globalization;
using System.IO;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Checks on an input path before it is opened. A data file named in a manifest or a <c>.model</c> file is
/// untrusted: <c>/dev/zero</c> would be read until memory runs out, a FIFO would block forever on open, a NUL in
/// the path throws from deep inside the BCL. Devices, FIFOs and sockets report a size of 0, so a file is read only
/// when it is non-empty, and never past its size as measured before opening.
/// </summary>
internal static class InputFiles
{
    /// <summary>Why <paramref name="path"/> may not be read (to complete "X 'path' ..."), or null when it may.</summary>
    public static string? Problem(string path, long maxBytes)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "has a NUL character in its path";
        }

        FileInfo info;
        try
        {
            info = new FileInfo(path);
            // A symbolic link's own length is that of its target's name (a link to /dev/zero or a FIFO would pass the
            // checks below): check the file it finally leads to.
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            if (!info.Exists)
            {
                return Directory.Exists(path) ? "is a folder, not a file" : null;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or UnauthorizedAccessException or IOException)
        {
            return $"has an invalid path ({ex.Message})";
        }

        if (info.Length == 0)
        {
            return "is empty, or not a regular file (a device, FIFO or socket)";
        }

        return info.Length > maxBytes
            ? string.Create(CultureInfo.InvariantCulture, $"is {info.Length:N0} bytes, more than the {maxBytes:N0} bytes a file of this kind may have")
            : null;
    }

    /// <summary>
    /// Reads a file <see cref="Problem"/> accepted: at most the length it had when checked, so a file that grows while
    /// being read (or a special file that slipped through) cannot exhaust memory.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        // The opened file's length (a symbolic link's own length would be that of its target's name).
        var length = Math.Min(stream.Length, maxBytes);
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                return bytes[..read];
            }

            read += n;
        }

        return bytes;
    }
}
