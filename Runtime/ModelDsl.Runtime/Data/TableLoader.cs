using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Loads a tabular CSV (one example per row) into a <see cref="Dataset"/>: one float input column of the feature
/// columns and one target column per model output. Every cell is checked as it is read: a missing value or a word in a
/// number column is an error naming the file, the row (1-based line, the header being line 1) and the column.
/// </summary>
public static class TableLoader
{
    private static readonly string[] MissingWords = ["", "na", "n/a", "nan", "null", "none", "?"];

    /// <summary>
    /// Loads <paramref name="file"/> as <paramref name="spec"/> says. <paramref name="classNames"/>: the training split's
    /// class names (for a class column of names), which a validation or test table must use so a class keeps its index.
    /// </summary>
    public static Dataset Load(string file, TableSpec spec, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(spec);
        var (header, rows) = Read(file, spec);
        var targetColumns = spec.Targets.Select(t => t.Columns.Select(c => Resolve(file, header, c, "target")).ToArray()).ToArray();
        var used = new HashSet<int>(targetColumns.SelectMany(c => c));
        var features = spec.Features is { } declared
            ? declared.Select(c => Resolve(file, header, c, "feature")).ToArray()
            : Enumerable.Range(0, header.Count).Where(i => !used.Contains(i)).ToArray();
        if (features.Length == 0)
        {
            throw new DataException($"Table '{file}' has no feature columns: every column is a target.") { Path = file };
        }

        if (spec.FeatureCount >= 0 && features.Length != spec.FeatureCount)
        {
            throw new DataException(
                $"Table '{file}' gives {features.Length} feature column{(features.Length == 1 ? string.Empty : "s")} ({string.Join(", ", features.Select(i => header[i]))}) " +
                $"but the model's input takes {spec.FeatureCount}; list the features with features: [...] or change the input size.") { Path = file };
        }

        var values = new float[rows.Count * features.Length];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var f = 0; f < features.Length; f++)
            {
                values[(r * features.Length) + f] = Number(file, header, rows[r], features[f]);
            }
        }

        var targets = new List<DataColumn>();
        IReadOnlyList<string>? names = null;
        for (var t = 0; t < spec.Targets.Count; t++)
        {
            var target = spec.Targets[t];
            if (target.Classes)
            {
                var (indices, targetNames) = Classes(file, header, rows, targetColumns[t][0], target, spec.Targets.Count(x => x.Classes) == 1 ? classNames : null);
                targets.Add(DataColumn.Classes(target.Output, indices, target.ClassCount));
                names ??= targetNames;
            }
            else
            {
                var columns = targetColumns[t];
                var floats = new float[rows.Count * columns.Length];
                for (var r = 0; r < rows.Count; r++)
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        floats[(r * columns.Length) + c] = Number(file, header, rows[r], columns[c]);
                    }
                }

                targets.Add(DataColumn.Floats(target.Output, [columns.Length], floats));
            }
        }

        return new Dataset([DataColumn.Floats("features", [features.Length], values)], targets, names);
    }

    private static (IReadOnlyList<string> Header, List<(int Line, string[] Fields)> Rows) Read(string file, TableSpec spec)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = spec.Header,
            Delimiter = spec.Delimiter,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
        };
        var rows = new List<(int Line, string[] Fields)>();
        IReadOnlyList<string>? header = null;
        if (File.Exists(file) || Directory.Exists(file) || file.Contains('\0', StringComparison.Ordinal))
        {
            // Devices, FIFOs, folders and NUL are refused before opening; a missing file keeps its own message below.
            if (InputFiles.Problem(file, long.MaxValue) is { } problem)
            {
                throw new DataException($"Table '{file.Replace("\0", "\\0", StringComparison.Ordinal)}' {problem}.") { Path = file };
            }
        }

        try
        {
            using var reader = new StreamReader(file);
            using var parser = new CsvParser(reader, config);
            while (parser.Read())
            {
                var fields = parser.Record ?? [];
                if (fields.Length == 0 || (fields.Length == 1 && fields[0].Length == 0))
                {
                    continue;
                }

                if (header is null)
                {
                    header = spec.Header ? fields : [.. Enumerable.Range(0, fields.Length).Select(i => "#" + i.ToString(CultureInfo.InvariantCulture))];
                    if (spec.Header)
                    {
                        continue;
                    }
                }

                if (fields.Length != header.Count)
                {
                    throw new DataException(
                        $"Table '{file}' row {parser.Row} has {fields.Length} field{(fields.Length == 1 ? string.Empty : "s")} but the {(spec.Header ? "header" : "first row")} has {header.Count}.") { Path = file };
                }

                rows.Add((parser.Row, fields));
            }
        }
        catch (CsvHelperException ex)
        {
            throw new DataException($"Table '{file}' is malformed: {ex.Message.Split('\n')[0]}", ex) { Path = file };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataException($"Table '{file}' does not exist.", ex) { Path = file };
        }

        if (header is null || rows.Count == 0)
        {
            throw new DataException($"Table '{file}' has no data rows.") { Path = file };
        }

        return (header, rows);
    }

    private static int Resolve(string file, IReadOnlyList<string> header, TableColumn column, string role)
    {
        if (column.Name is { } name)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            var near = header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            throw new DataException(
                $"Table '{file}' has no {role} column '{name}'{(near is null ? string.Empty : $" (did you mean '{near}'?)")}; its columns are {string.Join(", ", header)}.") { Path = file };
        }

        if (column.Index < 0 || column.Index >= header.Count)
        {
            throw new DataException($"Table '{file}' has {header.Count} columns (0..{header.Count - 1}); {role} column #{column.Index} is outside them.") { Path = file };
        }

        return column.Index;
    }

    private static float Number(string file, IReadOnlyList<string> header, (int Line, string[] Fields) row, int column)
    {
        var text = row.Fields[column];
        if (IsMissing(text))
        {
            throw new DataException($"Table '{file}' row {row.Line}, column '{header[column]}': the value is missing ('{text}'); fill it in or drop the row.") { Path = file };
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw new DataException($"Table '{file}' row {row.Line}, column '{header[column]}': '{text}' is not a number.") { Path = file };
        }

        return value;
    }

    private static bool IsMissing(string text) => Array.IndexOf(MissingWords, text.ToLowerInvariant()) >= 0;

    /// <summary>
    /// A class column: whole numbers are class indices; otherwise the names are the classes, numbered in sorted order
    /// (or by <paramref name="known"/>, the training set's names). Either way the count must fit the output.
    /// </summary>
    private static (int[] Indices, IReadOnlyList<string>? Names) Classes(
        string file, IReadOnlyList<string> header, List<(int Line, string[] Fields)> rows, int column, TableTarget target, IReadOnlyList<string>? known)
    {
        var texts = rows.Select(r => r.Fields[column]).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            if (IsMissing(texts[r]))
            {
                throw new DataException($"Table '{file}' row {rows[r].Line}, column '{header[column]}': the class is missing ('{texts[r]}'); every example needs one.") { Path = file };
            }
        }

        var indices = new int[rows.Count];
        var numeric = (known is null || known.Count == 0) && texts.All(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        if (numeric)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                indices[r] = int.Parse(texts[r], NumberStyles.Integer, CultureInfo.InvariantCulture);
                if (indices[r] < 0 || indices[r] >= target.ClassCount)
                {
                    throw new DataException(
                        $"Table '{file}' row {rows[r].Line}, column '{header[column]}': class {texts[r]} is outside 0..{target.ClassCount - 1}, the {target.ClassCount} classes of output '{target.Output}'.") { Path = file };
                }
            }

            return (indices, null);
        }

        var names = known is { Count: > 0 } ? known : texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (names.Count > target.ClassCount)
        {
            throw new DataException(
                $"Table '{file}' column '{header[column]}' has {names.Count} classes ({string.Join(", ", names)}) but output '{target.Output}' has {target.ClassCount}.") { Path = file };
        }

        var map = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            if (!map.TryGetValue(texts[r], out indices[r]))
            {
                throw new DataException(
                    $"Table '{file}' row {rows[r].Line}, column '{header[column]}': class '{texts[r]}' is not one of the training data's classes ({string.Join(", ", names)}).") { Path = file };
            }
        }

        return (indices, names);
    }
}
