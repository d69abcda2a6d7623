using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using ModelDsl.Runtime.Images;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>csv("labels.csv", path: location, label: label, size: (h, w))</c> and <c>json(...)</c>: one example per
/// row (or JSON object) naming an image file and its label. Relative image paths are relative to the manifest's
/// folder. With <c>classNames</c> given (a test set using the training classes), a label outside them is an error
/// naming the file and row.
/// </summary>
public static class ManifestLoader
{
    public static Dataset LoadCsv(
        string file, string pathColumn = "path", string labelColumn = "label", ImageSize? size = null,
        ColorMode color = ColorMode.Rgb, IReadOnlyList<string>? classNames = null, int? resize = null, ImageSize? crop = null)
    {
        var images = ReadCsv(file, pathColumn, labelColumn);
        return Build(file, images, new ImageGeometry(size, resize, crop), color, classNames);
    }

    public static Dataset LoadJson(
        string file, string pathColumn = "path", string labelColumn = "label", ImageSize? size = null,
        ColorMode color = ColorMode.Rgb, IReadOnlyList<string>? classNames = null, int? resize = null, ImageSize? crop = null)
    {
        var images = ReadJson(file, pathColumn, labelColumn);
        return Build(file, images, new ImageGeometry(size, resize, crop), color, classNames);
    }

    /// <summary>The entries of a CSV manifest (header row required); rows are numbered as a spreadsheet shows them (header = row 1).</summary>
    public static IReadOnlyList<LabeledImage> ReadCsv(string file, string pathColumn, string labelColumn)
    {
        var text = ReadText(file, "CSV");
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, DetectColumnCountChanges = false };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        var images = new List<LabeledImage>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new DataException($"CSV manifest '{file}' is empty; it needs a header row naming the '{pathColumn}' and '{labelColumn}' columns.") { Path = file };
            }

            var header = csv.HeaderRecord;
            var pathIndex = ColumnIndex(file, header, pathColumn, "path");
            var labelIndex = ColumnIndex(file, header, labelColumn, "label");
            while (csv.Read())
            {
                var row = csv.Parser.Row;
                var record = csv.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var origin = $"'{file}' row {row}";
                if (record.Length <= Math.Max(pathIndex, labelIndex))
                {
                    throw new DataException(
                        $"{origin} has {record.Length} fields but the header has {header.Length}; the '{header[Math.Max(pathIndex, labelIndex)]}' column is missing.")
                    { Path = file };
                }

                images.Add(Entry(baseDir, record[pathIndex], record[labelIndex], origin, file, pathColumn, labelColumn));
            }
        }
        catch (CsvHelperException ex)
        {
            throw new DataException($"CSV manifest '{file}' is malformed near row {csv.Parser.Row}: {ex.Message.Split('\n')[0]}", ex) { Path = file };
        }

        return images;
    }

    /// <summary>
    /// The entries of a JSON manifest: an array of objects, or an object with one array-valued property holding them.
    /// Labels may be strings or integers. Entries are numbered from 1 in errors.
    /// </summary>
    public static IReadOnlyList<LabeledImage> ReadJson(string file, string pathColumn, string labelColumn)
    {
        var text = ReadText(file, "JSON");
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new DataException($"JSON manifest '{file}' is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex) { Path = file };
        }

        using (document)
        {
            var array = document.RootElement;
            if (array.ValueKind == JsonValueKind.Object)
            {
                var arrays = array.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList();
                if (arrays.Count != 1)
                {
                    throw new DataException($"JSON manifest '{file}' must be an array of objects (or an object with one array of them); found an object with {arrays.Count} arrays.") { Path = file };
                }

                array = arrays[0].Value;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new DataException($"JSON manifest '{file}' must be an array of objects with '{pathColumn}' and '{labelColumn}' fields; found {array.ValueKind}.") { Path = file };
            }

            var images = new List<LabeledImage>();
            var number = 0;
            foreach (var item in array.EnumerateArray())
            {
                number++;
                var origin = $"'{file}' entry {number}";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new DataException($"{origin} is {item.ValueKind}, not an object with '{pathColumn}' and '{labelColumn}' fields.") { Path = file };
                }

                images.Add(Entry(baseDir, Field(item, pathColumn, origin, file), Field(item, labelColumn, origin, file), origin, file, pathColumn, labelColumn));
            }

            return images;
        }
    }

    private static Dataset Build(string file, IReadOnlyList<LabeledImage> images, ImageGeometry geometry, ColorMode color, IReadOnlyList<string>? classNames)
    {
        var classes = classNames is null
            ? ClassMap.Discover([.. images.Select(i => i.Label)], i => images[i].Origin)
            : ClassMap.FromNames(classNames);
        return ImageDatasetBuilder.Build(images, classes, geometry, color, $"Manifest '{file}'");
    }

    private static LabeledImage Entry(string baseDir, string? path, string? label, string origin, string file, string pathColumn, string labelColumn)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DataException($"{origin}: the '{pathColumn}' field is empty; it should name an image file.") { Path = file };
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            throw new DataException($"{origin}: the '{labelColumn}' field is empty; every example needs a label.") { Path = file };
        }

        var relative = path.Trim();
        if (relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new DataException($"{origin}: the '{pathColumn}' field has a NUL character; it should name an image file.") { Path = file };
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(baseDir, relative));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DataException($"{origin}: the '{pathColumn}' field '{relative}' is not a valid path ({ex.Message}).", ex) { Path = file };
        }

        if (AllowPathsOutsideManifestFolder)
        {
            return new LabeledImage(full, label.Trim(), origin);
        }

        if (Path.IsPathRooted(relative) || !IsInside(full, baseDir))
        {
            throw Outside(Path.IsPathRooted(relative) ? "is absolute" : "leaves the manifest's folder");
        }

        // A symbolic link inside the folder may point anywhere (data/x.png -> /etc/shadow, data/sub -> /): the file the
        // system would open must be inside too. The link is resolved as the kernel does, ".." after a link included,
        // and the file checked is the file opened.
        string real, realBase;
        try
        {
            real = RealPath(Path.Combine(baseDir, relative));
            realBase = RealPath(baseDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{origin}: the image path '{relative}' cannot be resolved ({ex.Message}).", ex) { Path = file };
        }

        if (!IsInside(real, realBase))
        {
            throw Outside($"leaves the manifest's folder through a symbolic link (to '{real}')");
        }

        return new LabeledImage(real, label.Trim(), origin);

        DataException Outside(string how) => new(
            $"{origin}: the image path '{relative}' {how}; " +
            $"a manifest may only name files in '{baseDir}' and below. Move the images there, or set " +
            $"ManifestLoader.{nameof(AllowPathsOutsideManifestFolder)} = true before loading if the manifest is trusted.")
        { Path = file };
    }

    /// <summary>The most symbolic links followed while resolving one path (Linux's limit too).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path with every symbolic link resolved, component by component, like realpath(3): ".." goes to
    /// the parent of what the previous components resolved to. Components that do not exist are kept as written (the
    /// open reports them). A loop or more than <see cref="MaxLinks"/> links is an <see cref="IOException"/>.
    /// </summary>
    private static string RealPath(string path)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var resolved = Path.GetPathRoot(absolute)!;
        var pending = new List<string>(Components(absolute[resolved.Length..]));
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var candidate = Path.Combine(resolved, part);
            if (new FileInfo(candidate).LinkTarget is not { } target)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"more than {MaxLinks} symbolic links, or a loop of them");
            }

            // The target replaces the link: an absolute one restarts at its root, a relative one continues from the
            // link's folder.
            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
                target = target[resolved.Length..];
            }

            pending.InsertRange(0, Components(target));
        }

        return resolved;
    }

    private static string[] Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether a manifest may name images outside its own folder (absolute paths, <c>../</c>). Off by default: a
    /// manifest is untrusted input, and <c>../../etc/passwd</c> or <c>/dev/zero</c> must not be read because a row
    /// says so. A program that trusts its manifests sets this once, before loading data.
    /// </summary>
    public static bool AllowPathsOutsideManifestFolder { get; set; }

    /// <summary>The largest manifest read (1 GiB): far above any real list of images.</summary>
    public const long MaxManifestBytes = 1L << 30;

    private static bool IsInside(string full, string folder)
    {
        var root = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.StartsWith(root, comparison);
    }

    private static string Field(JsonElement item, string name, string origin, string file)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            var fields = string.Join(", ", item.EnumerateObject().Select(p => $"'{p.Name}'"));
            throw new DataException($"{origin} has no '{name}' field (it has {fields}).") { Path = file };
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new DataException($"{origin}: the '{name}' field is {value.ValueKind}; expected a string or a number.") { Path = file },
        };
    }

    private static int ColumnIndex(string file, string[] header, string column, string role)
    {
        var index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.Ordinal));
        if (index < 0)
        {
            index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        }

        if (index < 0)
        {
            throw new DataException(
                $"CSV manifest '{file}' has no '{column}' column for the image {role}; its header has {string.Join(", ", header.Select(h => $"'{h}'"))}. " +
                $"Set {role}: to one of them.")
            { Path = file };
        }

        return index;
    }

    private static string ReadText(string file, string kind)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (InputFiles.Problem(file, MaxManifestBytes) is { } problem)
        {
            throw new DataException($"{kind} manifest '{file.Replace("\0", "\\0", StringComparison.Ordinal)}' {problem}.") { Path = file };
        }

        try
        {
            using var reader = new StreamReader(new MemoryStream(InputFiles.ReadAllBytes(file, MaxManifestBytes)), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException($"{kind} manifest '{file}' does not exist{DataPaths.DescribeMissing(file)}.", ex) { Path = file };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{kind} manifest '{file}' could not be read: {ex.Message}", ex) { Path = file };
        }
    }
}
