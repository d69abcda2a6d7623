using System.Linq;
using ModelDsl.Compiler.Training;
using Xunit;
using static ModelDsl.Compiler.Tests.Training.TrainingTestHost;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>The examples of LANGUAGE.md §6, verbatim.</summary>
public sealed class TrainingSpecExampleTests
{
    private const string MnistTrain = """
        train MnistDnn {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.001)
            metrics: [accuracy]
            epochs: 10
            batch_size: 32
            validation_split: 0.1
            early_stopping(monitor: val_loss, patience: 3, min_delta: 0.0, restore_best: true)
            checkpoint(path: "checkpoints/mnist-{epoch:02}.ckpt", monitor: val_accuracy, save_best_only: true, every: 1)
        }
        """;

    [Fact]
    public void The_mnist_train_declaration()
    {
        var result = Check(MnistTrain, TestModels.MnistDnn());
        Assert.Empty(result.Diagnostics);
        var training = result.Training!;
        Assert.Equal("MnistDnn", training.Name);
        Assert.Equal("MnistDnn", training.ModelName);
        Assert.Equal("MnistDnnTrainer", training.TrainerName);
        Assert.False(training.IsNamed);

        var loss = Assert.Single(training.Losses);
        Assert.Equal(LossKind.SparseCategoricalCrossEntropy, loss.Kind);
        Assert.Equal(LossFormula.SoftmaxCrossEntropy, loss.Formula);
        Assert.True(loss.FromPreActivation);
        Assert.Equal(10, loss.ClassCount);

        var metric = Assert.Single(training.Metrics);
        Assert.Equal(new CheckedMetric(null, MetricKind.Accuracy, "accuracy", null, MetricForm.ClassIndex, "accuracy"), metric);
        Assert.Equal(0.1, training.ValidationSplit);
        Assert.True(training.HasValidationData);

        var stage = Assert.Single(training.Stages);
        Assert.Equal(10, stage.Epochs);
        Assert.Equal(32, stage.BatchSize);
        Assert.Equal(OptimizerKind.Adam, stage.Optimizer.Kind);
        Assert.True(stage.Optimizer.Arguments.Find("lr")!.IsExplicit);
        Assert.Equal(1e-8, stage.Optimizer.Arguments.Number("eps"));
        Assert.Equal(new CheckedEarlyStopping(new CheckedMonitor("val_loss", "loss", true, MonitorMode.Min), 3, 0.0, true), stage.EarlyStopping);

        var checkpoint = stage.Checkpoint!;
        Assert.Equal("checkpoints/mnist-{epoch:02}.ckpt", checkpoint.Path);
        Assert.Equal(new CheckedMonitor("val_accuracy", "accuracy", true, MonitorMode.Max), checkpoint.Monitor);
        Assert.True(checkpoint.SaveBestOnly);
        Assert.Equal(1, checkpoint.Every);
        Assert.Equal(
            new[]
            {
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "checkpoints/mnist-", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Epoch, string.Empty, 2, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, ".ckpt", 0, 0),
            },
            checkpoint.PathParts);
    }

    [Fact]
    public void The_multi_output_loss_map()
    {
        var source = """
            train AgeAndGender {
                loss: { age: categorical_crossentropy, gender: binary_crossentropy }
                optimizer: adam
            }
            """;

        // The spec's AgeAndGender ends both heads in softmax: binary cross-entropy over a 2-class softmax is
        // categorical cross-entropy, trained as such with a warning.
        var spec = Check(source, TestModels.AgeAndGender());
        var warning = Assert.Single(spec.Diagnostics);
        Assert.Equal("MD5110", warning.Id);
        Assert.Contains("binary_crossentropy on output gender, a softmax over 2 classes", warning.Message, System.StringComparison.Ordinal);
        Assert.Equal("binary_crossentropy", TextAt(source, warning.Span));
        var gender = spec.Training!.Losses[1];
        Assert.Equal(LossKind.BinaryCrossEntropy, gender.Kind);
        Assert.Equal(LossFormula.SoftmaxCrossEntropy, gender.Formula);
        Assert.Equal(TargetKind.OneHot, gender.Targets);
        Assert.True(gender.FromPreActivation);

        // A softmax over more classes is no binary output.
        var mismatch = Check(source, TestModels.AgeAndGender(genderUnits: 3));
        Assert.Equal("MD4001", Assert.Single(mismatch.Diagnostics).Id);

        var training = CheckValid(source, TestModels.AgeAndGender(genderActivation: "sigmoid", genderUnits: 1));
        Assert.Equal(new[] { LossFormula.SoftmaxCrossEntropy, LossFormula.BinaryCrossEntropyWithLogits }, training.Losses.Select(l => l.Formula));
    }

    [Fact]
    public void The_stages()
    {
        var source = """
            train ResNet50 as Finetune {
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.001)
                stage head     { epochs: 5,  freeze: [stem, learner] }
                stage finetune { epochs: 10, optimizer: rmsprop(lr: 1e-5), freeze: [stem] }
            }
            """;
        var training = CheckValid(source, TestModels.ResNet());
        Assert.Equal("FinetuneTrainer", training.TrainerName);
        Assert.Equal(new[] { "head", "finetune" }, training.Stages.Select(s => s.Name));
        Assert.Equal(new[] { OptimizerKind.Adam, OptimizerKind.RmsProp }, training.Stages.Select(s => s.Optimizer.Kind));
        Assert.Equal(new[] { 5, 10 }, training.Stages.Select(s => s.Epochs));
        Assert.Equal(new[] { TestModels.TaskParameters, TestModels.LearnerParameters + TestModels.TaskParameters }, training.Stages.Select(s => s.TrainableParameterCount));
    }

    [Fact]
    public void The_data_section()
    {
        var source = """
            train MnistDnn {
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.001)
                data {
                    train: idx(images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz")
                    test:  idx(images: "t10k-images-idx3-ubyte.gz",  labels: "t10k-labels-idx1-ubyte.gz")
                    // folder("data/cats_dogs/train", size: (150, 150), color: rgb)      one sub-folder per class
                    // csv("labels.csv", path: location, label: label, size: (128, 128))  one row per example
                    // json("labels.json", path: location, label: label)
                    normalize: scale(255)            // or range(-1, 1), standardize, mean_std([..], [..])
                    augment { flip(horizontal: true)  rotate(degrees: 15)  shift(width: 0.1, height: 0.1)  zoom(0.9, 1.1)  brightness(0.8, 1.2) }
                }
            }
            """;
        var training = CheckValid(source, TestModels.MnistDnn());
        var data = training.Data!;
        Assert.Equal(DataSourceKind.Idx, data.Train!.Kind);
        Assert.Equal("train-images-idx3-ubyte.gz", data.Train.Arguments.Text("images"));
        Assert.Equal("t10k-labels-idx1-ubyte.gz", data.Test!.Arguments.Text("labels"));
        Assert.Null(data.Validation);
        Assert.Equal(new CheckedNormalization(NormalizationKind.Scale, "scale", EquatableArray.Create(new ResolvedArgument("divisor", new NumberValue(255), true))), data.Normalize);
        Assert.Equal(
            new[] { AugmentationKind.Flip, AugmentationKind.Rotate, AugmentationKind.Shift, AugmentationKind.Zoom, AugmentationKind.Brightness },
            data.Augment.Select(a => a.Kind));
        Assert.Equal("flip(horizontal: true, vertical: false)", data.Augment[0].ToString());
        Assert.Equal(0.9, data.Augment[3].Arguments.Number("min"));
        Assert.Equal(1.2, data.Augment[4].Arguments.Number("max"));
    }

    [Fact]
    public void The_data_section_alternatives_in_its_comments()
    {
        var model = TestModels.ResNet() with
        {
            Inputs = EquatableArray.Create(new TrainingTensor("image", EquatableArray.Create<long?>(3, null, null), "[N, 3, H, W]")),
        };
        var source = """
            train ResNet50 {
                loss: sparse_categorical_crossentropy
                optimizer: adam
                data {
                    train: folder("data/cats_dogs/train", size: (150, 150), color: rgb)
                    validation: csv("labels.csv", path: location, label: label, size: (128, 128))
                    test: json("labels.json", path: location, label: label)
                    normalize: range(-1, 1)
                }
            }
            """;
        var training = CheckValid(source, model);
        Assert.Equal(new SizeValue(150, 150), training.Data!.Train!.Arguments.Size("size"));
        Assert.Equal("rgb", training.Data.Test!.Arguments.Text("color"));
        Assert.Null(training.Data.Test.Arguments.Size("size"));
    }
}
