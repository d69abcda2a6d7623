using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Draws a <see cref="History"/> as a standalone SVG: one panel per metric (loss first, learning rate last),
/// each with the training curve (solid) and the validation curve (<c>val_</c>, dashed), axes with ticks, and a
/// legend. Opens in any browser; no scripts, no external resources.
/// </summary>
public static class HistoryChart
{
    private const int PanelWidth = 460;
    private const int PanelHeight = 300;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 36;
    private const int Bottom = 44;
    private const string TrainColor = "#1f77b4";
    private const string ValidationColor = "#ff7f0e";

    public static string Render(History history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var panels = history.Keys
            .Select(k => k.StartsWith("val_", StringComparison.Ordinal) ? k[4..] : k)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(k => k == "loss" ? 0 : k == "learning_rate" ? 2 : 1)
            .ToList();
        var columns = panels.Count > 1 ? 2 : 1;
        var rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        var header = title is null ? 0 : 32;
        var width = columns * PanelWidth;
        var height = header + (rows * PanelHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        if (title is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n");
        }

        if (panels.Count == 0 || history.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{header + 40}\" text-anchor=\"middle\">no epochs recorded</text>\n");
        }

        for (var p = 0; p < panels.Count; p++)
        {
            var x0 = (p % columns) * PanelWidth;
            var y0 = header + ((p / columns) * PanelHeight);
            DrawPanel(svg, history, panels[p], x0, y0);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void DrawPanel(StringBuilder svg, History history, string metric, int x0, int y0)
    {
        var series = new List<(string Label, string Key, string Color, bool Dashed)>();
        if (history.Keys.Contains(metric))
        {
            series.Add(("training", metric, TrainColor, false));
        }

        if (history.Keys.Contains("val_" + metric))
        {
            series.Add(("validation", "val_" + metric, ValidationColor, true));
        }

        var epochs = history.Epochs;
        var values = series.SelectMany(s => history[s.Key]).Where(double.IsFinite).ToList();
        var (yMin, yMax) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        if (yMax - yMin < 1e-12)
        {
            var pad = Math.Abs(yMax) > 1e-12 ? Math.Abs(yMax) * 0.1 : 1;
            (yMin, yMax) = (yMin - pad, yMax + pad);
        }

        var ticks = NiceTicks(yMin, yMax, 5);
        (yMin, yMax) = (Math.Min(yMin, ticks[0]), Math.Max(yMax, ticks[^1]));
        var xMin = epochs.Count == 0 ? 0 : epochs.Min();
        var xMax = epochs.Count == 0 ? 1 : Math.Max(epochs.Max(), xMin + 1);
        var plotLeft = x0 + Left;
        var plotRight = x0 + PanelWidth - Right;
        var plotTop = y0 + Top;
        var plotBottom = y0 + PanelHeight - Bottom;
        double X(double epoch) => plotLeft + ((epoch - xMin) / (xMax - xMin) * (plotRight - plotLeft));
        double Y(double value) => plotBottom - ((value - yMin) / (yMax - yMin) * (plotBottom - plotTop));

        svg.Append(CultureInfo.InvariantCulture, $"<g>\n<text x=\"{x0 + (PanelWidth / 2)}\" y=\"{y0 + 22}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(metric)}</text>\n");
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{plotLeft}\" y1=\"{F(y)}\" x2=\"{plotRight}\" y2=\"{F(y)}\" stroke=\"#e5e5e5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{plotLeft - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Escape(FormatTick(tick))}</text>\n");
        }

        var step = Math.Max(1, (int)Math.Ceiling((xMax - xMin + 1) / 10.0));
        for (var e = xMin; e <= xMax; e += step)
        {
            var x = X(e);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{plotBottom}\" x2=\"{F(x)}\" y2=\"{plotBottom + 5}\" stroke=\"black\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{plotBottom + 18}\" text-anchor=\"middle\">{e}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{plotLeft}\" y1=\"{plotBottom}\" x2=\"{plotRight}\" y2=\"{plotBottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{plotLeft}\" y1=\"{plotTop}\" x2=\"{plotLeft}\" y2=\"{plotBottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(plotLeft + plotRight) / 2}\" y=\"{plotBottom + 36}\" text-anchor=\"middle\">epoch</text>\n");

        for (var s = 0; s < series.Count; s++)
        {
            var (label, key, color, dashed) = series[s];
            var points = history[key];
            var path = new StringBuilder();
            var pen = false;
            for (var i = 0; i < points.Count; i++)
            {
                if (!double.IsFinite(points[i]))
                {
                    pen = false;
                    continue;
                }

                path.Append(pen ? " L" : " M").Append(F(X(epochs[i]))).Append(' ').Append(F(Y(points[i])));
                pen = true;
            }

            var dash = dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
            if (path.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n");
            }

            if (points.Count <= 40)
            {
                for (var i = 0; i < points.Count; i++)
                {
                    if (double.IsFinite(points[i]))
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(epochs[i]))}\" cy=\"{F(Y(points[i]))}\" r=\"2.5\" fill=\"{color}\"><title>{Escape(key)} epoch {epochs[i]}: {points[i].ToString("G6", CultureInfo.InvariantCulture)}</title></circle>\n");
                    }
                }
            }

            var legendY = plotTop + 6 + (s * 16);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{plotRight - 110}\" y1=\"{legendY}\" x2=\"{plotRight - 86}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{plotRight - 80}\" y=\"{legendY + 4}\">{label}</text>\n");
        }

        svg.Append("</g>\n");
    }

    /// <summary>About <paramref name="count"/> round tick values (1, 2, 5 × 10^k steps) covering [min, max].</summary>
    internal static double[] NiceTicks(double min, double max, int count)
    {
        var raw = (max - min) / Math.Max(1, count - 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 2.5, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw);
        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = first; t <= last + (step / 2); t += step)
        {
            ticks.Add(Math.Round(t / step) * step);
        }

        return [.. ticks];
    }

    private static string FormatTick(double value) =>
        Math.Abs(value) is >= 1e-3 and < 1e5 or 0 ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString("0.##E+0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
