using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using ModelDsl.Runtime.Reporting;
using Xunit;

namespace ModelDsl.Runtime.Tests.Reporting;

public sealed class HistoryTests
{
    private static History Sample()
    {
        var history = new History();
        history.Add(1, new Dictionary<string, double> { ["loss"] = 0.9, ["accuracy"] = 0.6, ["val_loss"] = 1.0, ["val_accuracy"] = 0.55 });
        history.Add(2, new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.8, ["val_loss"] = double.NaN, ["val_accuracy"] = 0.7 });
        history.Add(3, new Dictionary<string, double> { ["loss"] = 0.3, ["accuracy"] = 0.9, ["val_loss"] = 0.6, ["val_accuracy"] = 0.75, ["learning_rate"] = 0.01 });
        return history;
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_epoch()
    {
        var lines = Sample().ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate", lines[0]);
        Assert.Equal("1,0.9,0.6,1,0.55,", lines[1]);
        Assert.Equal("2,0.5,0.8,NaN,0.7,", lines[2]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Json_round_trips_with_nulls_for_missing_values()
    {
        var json = Sample().ToJson();
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("val_loss")[1].ValueKind);
        var back = History.FromJson(document.RootElement);
        Assert.Equal(new[] { 1, 2, 3 }, back.Epochs);
        Assert.Equal(new[] { 0.9, 0.5, 0.3 }, back["loss"]);
        Assert.True(double.IsNaN(back["val_loss"][1]));
    }

    [Fact]
    public void Svg_is_valid_xml_with_a_panel_per_metric_both_curves_and_the_best_epoch()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.svg");
        Sample().SaveSvg(path, "MnistDnn <run 1>");

        var svg = XDocument.Load(path);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("MnistDnn <run 1>: loss", texts);
        Assert.Contains("accuracy", texts);
        Assert.Contains("learning_rate", texts);
        Assert.Contains("training", texts);
        Assert.Contains("validation", texts);
        Assert.Contains("epoch", texts);
        // val_loss is lowest at epoch 3 (epoch 2's NaN does not count).
        Assert.Contains("best epoch 3", texts);
    }

    [Fact]
    public void Legend_entries_lie_outside_every_data_area()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.svg");
        Sample().SaveSvg(path, "run");

        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Load(path);
        // ScottPlot clips each panel's curves to its data area, and the legend's own strip (one text line high) too:
        // the clip rectangles taller than a few text lines are where the curves are.
        var dataAreas = svg.Descendants(ns + "clipPath").Elements(ns + "rect")
            .Select(r => (X: Number(r, "x"), Y: Number(r, "y"), Width: Number(r, "width"), Height: Number(r, "height")))
            .Where(r => r.Height > 60)
            .Distinct()
            .ToList();
        Assert.True(dataAreas.Count >= 3, $"expected a data area per panel, found {dataAreas.Count}");
        var entries = svg.Descendants(ns + "text")
            .Where(t => t.Value.Trim() is "training" or "validation" || t.Value.Trim().StartsWith("best epoch", StringComparison.Ordinal))
            .ToList();
        Assert.True(entries.Count >= 3, "the legend entries were not found");
        foreach (var entry in entries)
        {
            var (x, y) = Position(entry);
            Assert.DoesNotContain(dataAreas, area => x >= area.X && x <= area.X + area.Width && y >= area.Y && y <= area.Y + area.Height);
        }
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    // ScottPlot places a text with translate(x y) and per-glyph x/y offsets ("-3.8, 5.2, "): the first glyph's offset
    // added to the translation is where the text starts.
    private static (double X, double Y) Position(XElement text)
    {
        var translate = System.Text.RegularExpressions.Regex.Match(text.Attribute("transform")?.Value ?? "", @"translate\(\s*([-0-9.eE]+)[ ,]+([-0-9.eE]+)");
        Assert.True(translate.Success, $"no translate() on legend text '{text.Value.Trim()}'");
        static double First(string? offsets) =>
            offsets is null ? 0 : double.Parse(offsets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return (double.Parse(translate.Groups[1].Value, invariant) + First(text.Attribute("x")?.Value),
                double.Parse(translate.Groups[2].Value, invariant) + First(text.Attribute("y")?.Value));
    }

    [Fact]
    public void Png_is_a_decodable_image_of_the_panels()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.png");
        Sample().SavePng(path, "run");

        var image = ModelDsl.Runtime.Images.ImageDecoder.Decode(File.ReadAllBytes(path));

        // Three panels (loss, accuracy, learning_rate) in two columns: 2 x 2 cells of 520 x 340.
        Assert.Equal((1040, 680), (image.Width, image.Height));
    }

    [Fact]
    public void Best_epoch_is_the_lowest_validation_loss_else_the_lowest_training_loss()
    {
        Assert.Equal(3, HistoryChart.BestEpoch(Sample()));

        var noValidation = new History();
        noValidation.Add(1, new Dictionary<string, double> { ["loss"] = 0.5 });
        noValidation.Add(2, new Dictionary<string, double> { ["loss"] = 0.2 });
        noValidation.Add(3, new Dictionary<string, double> { ["loss"] = 0.4 });
        Assert.Equal(2, HistoryChart.BestEpoch(noValidation));

        var diverged = new History();
        diverged.Add(1, new Dictionary<string, double> { ["loss"] = double.NaN });
        Assert.Null(HistoryChart.BestEpoch(diverged));
        Assert.Contains("<svg", HistoryChart.RenderSvg(diverged), StringComparison.Ordinal);
        Assert.Contains("no epochs recorded", HistoryChart.RenderSvg(new History()), StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_written_atomically_and_failures_keep_the_old_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/history.csv");
        Sample().SaveCsv(path);
        var before = File.ReadAllText(path);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(1);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal(before, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.File("sub")));
    }
}
