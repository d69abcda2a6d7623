using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Training;
using Xunit;

namespace ModelDsl.Runtime.Tests.Training;

public sealed class MultiOutputTests
{
    [Fact]
    public void Keys_are_prefixed_per_output_as_keras_does()
    {
        // 4 examples: age labels 0, 0, 1, 2 (model says 0: accuracy 0.5); gender 1, 0, 1, 1 (model says 1: accuracy 0.75).
        var data = new Dataset(
            [DataColumn.Floats("measures", [3], new float[12])],
            [DataColumn.Classes("age", [0, 0, 1, 2], 3), DataColumn.Floats("gender", [1], [1, 0, 1, 1])]);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 3, Metrics = [MetricSpec.Accuracy], Progress = NullProgressReporter.Instance };

        var result = TrainingLoop.Fit(new TwoHeadSession(), data, data, options);

        Assert.Equal(
            new[] { "loss", "age_loss", "gender_loss", "age_accuracy", "gender_accuracy", "val_loss", "val_age_loss", "val_gender_loss", "val_age_accuracy", "val_gender_accuracy", "learning_rate" },
            result.History.Keys);
        var logs = result.History.Records[0];
        Assert.Equal(1.0, logs["loss"], 10);
        Assert.Equal(0.25, logs["gender_loss"], 10);
        Assert.Equal(0.5, logs["age_accuracy"], 10);
        Assert.Equal(0.75, logs["val_gender_accuracy"], 10);
    }

    [Fact]
    public void Predict_concatenates_batches_per_output()
    {
        var data = Dataset.FromFeatures(new float[15], [3]);
        var outputs = TrainingLoop.Predict(new TwoHeadSession(), data, batchSize: 2);
        Assert.Equal(15, outputs[0].Length);
        Assert.Equal(5, outputs[1].Length);
        Assert.All(outputs[1], v => Assert.Equal(0.9f, v));
        Assert.Equal(5, OneHot.Decode(outputs[0], 3).Count(c => c == 0));
    }
}
