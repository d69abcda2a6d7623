using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Cli;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Cli;

/// <summary>
/// The primer's chapter-I models of Samples/Tabular train from their CSVs with <c>modeldsl train</c> and beat a
/// constant predictor on the test file: the training set's mean for the regressor, the most frequent training value
/// (per label, per output) for the classifiers.
/// </summary>
public sealed class TabularSampleTests : IDisposable
{
    private static readonly string Sample = Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", "..", "Samples", "Tabular"));

    private readonly string _runs = Directory.CreateTempSubdirectory("modeldsl-tabular-").FullName;

    public void Dispose() => Directory.Delete(_runs, recursive: true);

    [Fact]
    public void Regressor_beats_predicting_the_training_mean()
    {
        var metrics = Train("HousePrice");
        var mean = Column("houses-train", "price").Average(Number);
        var constantMse = Column("houses-test", "price").Select(Number).Average(y => (y - mean) * (y - mean));
        Assert.True(metrics["test_loss"] < constantMse / 4, $"test mse {metrics["test_loss"]} vs constant {constantMse}");
    }

    [Fact]
    public void Binary_classifier_beats_the_majority_class()
    {
        var metrics = Train("Diabetes");
        Assert.True(metrics["test_accuracy"] > Majority("diabetes", "outcome") + 0.1, $"accuracy {metrics["test_accuracy"]}");
    }

    [Fact]
    public void Multi_class_classifier_beats_the_majority_class()
    {
        var metrics = Train("Iris");
        Assert.True(metrics["test_accuracy"] > Majority("iris", "species") + 0.2, $"accuracy {metrics["test_accuracy"]}");
    }

    [Fact]
    public void Multi_label_classifier_beats_the_majority_of_each_label()
    {
        var metrics = Train("Tags");
        var constant = Enumerable.Range(0, 5).Average(j => Majority("labels", "label" + j.ToString(CultureInfo.InvariantCulture)));
        Assert.True(metrics["test_accuracy"] > constant + 0.1, $"accuracy {metrics["test_accuracy"]} vs constant {constant}");
    }

    [Fact]
    public void Multi_output_model_beats_the_majority_of_each_output()
    {
        var metrics = Train("AgeAndGender");
        Assert.True(metrics["test_age_accuracy"] > Majority("people", "age_group") + 0.1, $"age accuracy {metrics["test_age_accuracy"]}");
        Assert.True(metrics["test_gender_accuracy"] > Majority("people", "gender") + 0.1, $"gender accuracy {metrics["test_gender_accuracy"]}");
    }

    private Dictionary<string, double> Train(string name)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineApp.Run(["train", Path.Combine(Sample, "tabular.model"), "--train", name, "--output", _runs], output, error);
        Assert.True(code == 0, error.ToString() + output);
        return output.ToString().Split('\n')
            .Where(line => line.StartsWith("test_", StringComparison.Ordinal))
            .Select(line => line.Trim().Split('='))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The test accuracy of always predicting the training file's most frequent value of <paramref name="column"/>.</summary>
    private static double Majority(string name, string column)
    {
        var mode = Column(name + "-train", column).GroupBy(v => v).OrderByDescending(g => g.Count()).First().Key;
        var test = Column(name + "-test", column);
        return test.Count(v => v == mode) / (double)test.Count;
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static List<string> Column(string file, string column)
    {
        var lines = File.ReadAllLines(Path.Combine(Sample, "data", file + ".csv"));
        var index = Array.IndexOf(lines[0].Split(','), column);
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[index])];
    }
}
