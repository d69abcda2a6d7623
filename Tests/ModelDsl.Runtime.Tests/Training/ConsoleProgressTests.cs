using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Training;
using Spectre.Console;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Spectre_reporter_runs_training_and_prints_epoch_summaries()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Metrics = [MetricSpec.Mae], Progress = new ConsoleProgressReporter(console) };

        var result = TrainingLoop.Fit(new LinearRegressionSession(2), LinearRegressionSession.MakeData(20), null, options);

        Assert.Equal(StopReason.Completed, result.StopReason);
        var text = output.ToString();
        Assert.Contains("epoch 1/2 - loss ", text, System.StringComparison.Ordinal);
        Assert.Contains("epoch 2/2 - loss ", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_line_formats_values_keras_style()
    {
        var line = ProgressFormat.EpochLine(3, 10, new Dictionary<string, double> { ["loss"] = 0.42131, ["accuracy"] = 0.85119, ["learning_rate"] = 0.001 }, System.TimeSpan.FromSeconds(12.34));
        Assert.Equal("epoch 3/10 - loss 0.4213 - accuracy 0.8512 - 12.3s", line);
    }
}
