using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;
using SkiaSharp;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Draws a <see cref="History"/> with ScottPlot as SVG or PNG: one panel per metric (loss first, learning rate
/// last), each with the training curve (blue, filled circles) and the validation curve (<c>val_</c>, orange, open
/// squares) over the epochs, the best epoch marked (a green vertical line in every panel, labelled in the legend,
/// and a ring on the monitored loss), and the legend below the data area so it never covers a curve. NaN values
/// leave a gap in their curve. Lines are solid: Skia's SVG backend cannot draw dashes (it prints a warning for each).
/// </summary>
public static class HistoryChart
{
    private const int PanelWidth = 520;
    private const int PanelHeight = 340;
    private static readonly Color TrainColor = Color.FromHex("#1f77b4");
    private static readonly Color ValidationColor = Color.FromHex("#ff7f0e");
    private static readonly Color BestColor = Color.FromHex("#2ca02c");

    /// <summary>The chart as a standalone SVG document (text as text, no scripts, no external resources).</summary>
    public static string RenderSvg(History history, string? title = null)
    {
        var (multiplot, width, height) = Build(history, title);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            canvas.Clear(SKColors.White);
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] RenderPng(History history, string? title = null)
    {
        var (multiplot, width, height) = Build(history, title);
        return multiplot.Render(width, height).GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>
    /// The epoch with the lowest validation loss, or the lowest training loss without validation data; null when
    /// no finite loss was recorded.
    /// </summary>
    public static int? BestEpoch(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var key = MonitoredKey(history);
        if (key is null)
        {
            return null;
        }

        var values = history[key];
        int? best = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]) && (best is null || values[i] < values[best.Value]))
            {
                best = i;
            }
        }

        return best is { } index ? history.Epochs[index] : null;
    }

    private static string? MonitoredKey(History history) =>
        history.Keys.Contains("val_loss") && history["val_loss"].Any(double.IsFinite) ? "val_loss"
        : history.Keys.Contains("loss") ? "loss"
        : null;

    private static (Multiplot Multiplot, int Width, int Height) Build(History history, string? title)
    {
        ArgumentNullException.ThrowIfNull(history);
        var panels = history.Keys
            .Select(k => k.StartsWith("val_", StringComparison.Ordinal) ? k[4..] : k)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(k => k == "loss" ? 0 : k == "learning_rate" ? 2 : 1)
            .ToList();
        var columns = panels.Count > 1 ? 2 : 1;
        var rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        var multiplot = new Multiplot();
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        var best = BestEpoch(history);
        var monitored = MonitoredKey(history);
        if (panels.Count == 0 || history.Count == 0)
        {
            var empty = multiplot.Subplots.GetPlot(0);
            empty.Title(title ?? "history");
            empty.Add.Annotation("no epochs recorded");
        }

        for (var p = 0; p < panels.Count; p++)
        {
            var plot = p == 0 ? multiplot.Subplots.GetPlot(0) : multiplot.AddPlot();
            DrawPanel(plot, history, panels[p], p == 0 && title is not null ? $"{title}: {panels[p]}" : panels[p], best, monitored);
        }

        return (multiplot, columns * PanelWidth, rows * PanelHeight);
    }

    private static void DrawPanel(Plot plot, History history, string metric, string title, int? best, string? monitored)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(metric);
        var epochs = history.Epochs.Select(e => (double)e).ToArray();
        var series = new List<(string Label, string Key, Color Color, MarkerShape Shape)>();
        if (history.Keys.Contains(metric))
        {
            series.Add(("training", metric, TrainColor, MarkerShape.FilledCircle));
        }

        if (history.Keys.Contains("val_" + metric))
        {
            series.Add(("validation", "val_" + metric, ValidationColor, MarkerShape.OpenSquare));
        }

        foreach (var (label, key, color, shape) in series)
        {
            var values = history[key];
            var first = true;
            foreach (var (start, length) in FiniteRuns(values))
            {
                var line = plot.Add.Scatter(epochs[start..(start + length)], values.Skip(start).Take(length).ToArray(), color);
                line.LineWidth = 2;
                line.MarkerShape = shape;
                line.MarkerSize = 7;
                if (first)
                {
                    line.LegendText = label;
                    first = false;
                }
            }
        }

        if (best is { } epoch)
        {
            var marker = plot.Add.VerticalLine(epoch, 1.5f, BestColor, LinePattern.Solid);
            marker.LegendText = $"best epoch {epoch}";
            var index = history.Epochs.ToList().IndexOf(epoch);
            if (monitored is not null && series.Any(s => s.Key == monitored))
            {
                plot.Add.Marker(epoch, history[monitored][index], MarkerShape.OpenCircle, 14, BestColor);
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>Start and length of each run of finite values (a NaN epoch breaks the curve).</summary>
    private static IEnumerable<(int Start, int Length)> FiniteRuns(IReadOnlyList<double> values)
    {
        var start = -1;
        for (var i = 0; i <= values.Count; i++)
        {
            var finite = i < values.Count && double.IsFinite(values[i]);
            if (finite && start < 0)
            {
                start = i;
            }
            else if (!finite && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}
