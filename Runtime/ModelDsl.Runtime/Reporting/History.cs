using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Per-epoch metrics of a training run, as Keras' <c>History</c>: for each epoch (1-based) a dictionary of
/// metric → value (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>learning_rate</c>, ...). Saved as CSV
/// (one row per epoch), JSON (<c>{"epoch": [...], "loss": [...], ...}</c>, Keras' <c>history.history</c> shape
/// plus the epoch numbers) and an SVG or PNG chart; every write is atomic.
/// </summary>
public sealed class History
{
    private readonly List<int> _epochs = [];
    private readonly List<IReadOnlyDictionary<string, double>> _records = [];
    private readonly List<string> _keys = [];

    /// <summary>The epoch numbers recorded, 1-based, in order.</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>The logs of each recorded epoch.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> Records => _records;

    /// <summary>Metric names in order of first appearance.</summary>
    public IReadOnlyList<string> Keys => _keys;

    public int Count => _epochs.Count;

    /// <summary>The values of one metric per recorded epoch (NaN where an epoch lacks it).</summary>
    public IReadOnlyList<double> this[string key] => [.. _records.Select(r => r.TryGetValue(key, out var v) ? v : double.NaN)];

    public void Add(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        _epochs.Add(epoch);
        _records.Add(new Dictionary<string, double>(logs));
        foreach (var key in logs.Keys)
        {
            if (!_keys.Contains(key))
            {
                _keys.Add(key);
            }
        }
    }

    /// <summary>Appends another history (a later stage of the same run).</summary>
    public void AddRange(History other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._epochs[i], other._records[i]);
        }
    }

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("epoch");
        foreach (var key in _keys)
        {
            text.Append(',').Append(CsvField(key));
        }

        text.Append('\n');
        for (var i = 0; i < Count; i++)
        {
            text.Append(_epochs[i].ToString(CultureInfo.InvariantCulture));
            foreach (var key in _keys)
            {
                text.Append(',');
                if (_records[i].TryGetValue(key, out var v))
                {
                    text.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteJson(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the history as a JSON object (NaN and infinities become null: JSON has no such numbers).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartArray("epoch");
        foreach (var e in _epochs)
        {
            json.WriteNumberValue(e);
        }

        json.WriteEndArray();
        foreach (var key in _keys)
        {
            json.WriteStartArray(key);
            foreach (var v in this[key])
            {
                if (double.IsFinite(v))
                {
                    json.WriteNumberValue(v);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>Reads what <see cref="WriteJson"/> wrote (nulls become missing values).</summary>
    public static History FromJson(JsonElement element)
    {
        var history = new History();
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("epoch", out var epochs))
        {
            throw new FormatException("a history needs an 'epoch' array");
        }

        var columns = element.EnumerateObject().Where(p => p.Name != "epoch").ToList();
        var index = 0;
        foreach (var epoch in epochs.EnumerateArray())
        {
            var logs = new Dictionary<string, double>();
            foreach (var column in columns)
            {
                var values = column.Value.EnumerateArray().ToList();
                if (index < values.Count && values[index].ValueKind == JsonValueKind.Number)
                {
                    logs[column.Name] = values[index].GetDouble();
                }
            }

            history.Add(epoch.GetInt32(), logs);
            index++;
        }

        return history;
    }

    public static History LoadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return FromJson(document.RootElement);
    }

    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    public void SaveJson(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Saves the loss/metric chart (training vs validation per epoch, best epoch marked) as a standalone SVG file.</summary>
    public void SaveSvg(string path, string? title = null) => AtomicFile.WriteAllText(path, HistoryChart.RenderSvg(this, title));

    /// <summary>Saves the same chart as a PNG image.</summary>
    public void SavePng(string path, string? title = null)
    {
        var png = HistoryChart.RenderPng(this, title);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
