using System.Linq;
using ModelDsl.Compiler.Training;
using Xunit;
using static ModelDsl.Compiler.Tests.Training.TrainingTestHost;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>What a valid train declaration resolves to: defaults, stages, freeze counts, the logits decision,
/// multi-output maps, schedules and data.</summary>
public sealed class TrainingResolutionTests
{
    [Fact]
    public void Defaults_are_resolved_from_the_catalog()
    {
        var training = CheckValid("train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n}\n", TestModels.MnistDnn());
        var stage = Assert.Single(training.Stages);
        Assert.Equal("main", stage.Name);
        Assert.True(stage.IsImplicit);
        Assert.Equal(1, stage.Epochs);
        Assert.Equal(32, stage.BatchSize);
        Assert.Null(stage.StepsPerEpoch);
        Assert.True(stage.Shuffle);
        Assert.Null(stage.Schedule);
        Assert.Null(stage.EarlyStopping);
        Assert.Null(stage.Checkpoint);
        Assert.Null(training.Seed);
        Assert.Equal(0, training.ValidationSplit);
        Assert.False(training.HasValidationData);
        Assert.Empty(training.Metrics);
        Assert.Equal(new[] { "loss" }, training.HistoryKeys);

        // Every optimiser argument is present, in catalog order, marked as defaulted (PyTorch eps).
        Assert.Equal("adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1E-08, weight_decay: 0, amsgrad: false)", stage.Optimizer.ToString());
        Assert.All(stage.Optimizer.Arguments, argument => Assert.False(argument.IsExplicit));
        Assert.Equal(0.001, stage.Optimizer.LearningRate);
    }

    [Fact]
    public void Linear_decay_resolves_with_its_floor()
    {
        var training = CheckValid("train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: sgd(0.1)\n    schedule: linear_decay(0.001, min_lr: 0.01)\n}\n", TestModels.MnistDnn());
        var schedule = training.Stages[0].Schedule!;
        Assert.Equal(ScheduleKind.LinearDecay, schedule.Kind);
        Assert.Equal(0.001, schedule.Arguments.Number("decay"));
        Assert.Equal(0.01, schedule.Arguments.Number("min_lr"));
    }

    [Fact]
    public void Keras_spellings_acc_and_val_acc_are_aliases_of_accuracy()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    metrics: [acc]\n    validation_split: 0.1\n"
            + "    early_stopping(monitor: val_acc, patience: 2)\n    checkpoint(path: \"best.ckpt\", monitor: acc, save_best_only: true)\n}\n";
        var training = CheckValid(source, TestModels.MnistDnn());
        Assert.Equal(MetricKind.Accuracy, Assert.Single(training.Metrics).Kind);
        Assert.Contains("accuracy", training.HistoryKeys);
        Assert.Equal("val_accuracy", training.Stages[0].EarlyStopping!.Monitor.Name);
        Assert.Equal(MonitorMode.Max, training.Stages[0].EarlyStopping!.Monitor.Mode);
        Assert.Equal("accuracy", training.Stages[0].Checkpoint!.Monitor!.Name);
    }

    [Theory]
    [InlineData("sgd(0.1)", "sgd(lr: 0.1, momentum: 0, nesterov: false, weight_decay: 0)")]
    [InlineData("sgd(lr: 0.1, momentum: 0.9, nesterov: true)", "sgd(lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0)")]
    [InlineData("adamw", "adamw(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1E-08, weight_decay: 0.01, amsgrad: false)")]
    [InlineData("rmsprop(lr: 1e-5)", "rmsprop(lr: 1E-05, rho: 0.9, eps: 1E-08, momentum: 0, centered: false, weight_decay: 0)")]
    [InlineData("adagrad()", "adagrad(lr: 0.01, lr_decay: 0, weight_decay: 0, initial_accumulator: 0, eps: 1E-10)")]
    [InlineData("adadelta", "adadelta(lr: 1, rho: 0.9, eps: 1E-06, weight_decay: 0)")]
    [InlineData("adamax(beta2: 0.99)", "adamax(lr: 0.002, beta1: 0.9, beta2: 0.99, eps: 1E-08, weight_decay: 0)")]
    [InlineData("nadam", "nadam(lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1E-08, weight_decay: 0, momentum_decay: 0.004)")]
    public void Every_optimizer_argument_is_resolved(string written, string resolved)
    {
        var training = CheckValid($"train MnistDnn {{\n    loss: sparse_categorical_crossentropy\n    optimizer: {written}\n}}\n", TestModels.MnistDnn());
        Assert.Equal(resolved, training.Stages[0].Optimizer.ToString());
    }

    [Fact]
    public void Explicit_arguments_are_marked()
    {
        var training = CheckValid("train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: sgd(0.05, nesterov: true, momentum: 0.9)\n}\n", TestModels.MnistDnn());
        var arguments = training.Stages[0].Optimizer.Arguments;
        Assert.Equal(new[] { true, true, true, false }, arguments.Select(a => a.IsExplicit));
        Assert.Equal(new[] { "lr", "momentum", "nesterov", "weight_decay" }, arguments.Select(a => a.Name));
    }

    [Fact]
    public void Stages_override_the_defaults_and_count_frozen_parameters()
    {
        var source = """
            train ResNet50 as Transfer {
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.001)
                batch_size: 64
                epochs: 3
                freeze: [stem]
                stage head     { epochs: 5,  freeze: [stem, learner] }
                stage finetune { epochs: 10, optimizer: rmsprop(lr: 1e-5), freeze: [stem] }
                stage all      { freeze: [] }
            }
            """;
        var training = CheckValid(source, TestModels.ResNet());
        Assert.Equal("Transfer", training.Name);
        Assert.Equal("TransferTrainer", training.TrainerName);
        Assert.True(training.IsNamed);
        Assert.Equal(new[] { "head", "finetune", "all" }, training.Stages.Select(s => s.Name));
        Assert.Equal(new[] { 5, 10, 3 }, training.Stages.Select(s => s.Epochs));
        Assert.Equal(new[] { 0, 5, 15 }, training.Stages.Select(s => s.FirstEpoch));
        Assert.Equal(18, training.TotalEpochs);
        Assert.All(training.Stages, s => Assert.Equal(64, s.BatchSize));
        Assert.Equal(new[] { OptimizerKind.Adam, OptimizerKind.RmsProp, OptimizerKind.Adam }, training.Stages.Select(s => s.Optimizer.Kind));
        Assert.Equal(1e-5, training.Stages[1].Optimizer.LearningRate);

        var head = training.Stages[0];
        Assert.Equal(new[] { "stem", "learner" }, head.Freeze);
        Assert.Equal(TestModels.StemParameters + TestModels.LearnerParameters, head.FrozenParameterCount);
        Assert.Equal(TestModels.TaskParameters, head.TrainableParameterCount);
        Assert.Equal(TestModels.BatchNormStatistics + TestModels.StemParameters + TestModels.LearnerParameters, head.NonTrainableParameterCount);

        var finetune = training.Stages[1];
        Assert.Equal(new[] { "stem" }, finetune.Freeze);
        Assert.Equal(TestModels.StemParameters, finetune.FrozenParameterCount);
        Assert.Equal(TestModels.LearnerParameters + TestModels.TaskParameters, finetune.TrainableParameterCount);

        var all = training.Stages[2];
        Assert.Empty(all.Freeze);
        Assert.Equal(0, all.FrozenParameterCount);
        Assert.Equal(TestModels.BatchNormStatistics, all.NonTrainableParameterCount);
    }

    [Fact]
    public void Freeze_resolves_qualified_names_and_drops_covered_entries()
    {
        var source = "train ResNet50 {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    freeze: [learner.residual_group_0, stem.conv2d_0, learner.residual_group_0.bottleneck_1]\n}\n";
        var result = Check(source, TestModels.ResNet());
        Assert.Equal(new[] { "MD5108" }, Ids(result));
        var stage = result.Training!.Stages[0];
        Assert.Equal(new[] { "learner.residual_group_0", "stem.conv2d_0" }, stage.Freeze);
        Assert.Equal(TestModels.Group0Parameters + 9_408, stage.FrozenParameterCount);
    }

    [Theory]
    [InlineData("softmax", "sparse_categorical_crossentropy", LossFormula.SoftmaxCrossEntropy, TargetKind.ClassIndex, true)]
    [InlineData("softmax", "categorical_crossentropy", LossFormula.SoftmaxCrossEntropy, TargetKind.OneHot, true)]
    [InlineData(null, "sparse_categorical_crossentropy", LossFormula.SoftmaxCrossEntropy, TargetKind.ClassIndex, false)]
    [InlineData(null, "categorical_crossentropy", LossFormula.SoftmaxCrossEntropy, TargetKind.OneHot, false)]
    [InlineData("log_softmax", "sparse_categorical_crossentropy", LossFormula.NegativeLogLikelihood, TargetKind.ClassIndex, false)]
    [InlineData("sigmoid", "binary_crossentropy", LossFormula.BinaryCrossEntropyWithLogits, TargetKind.Binary, true)]
    [InlineData(null, "binary_crossentropy", LossFormula.BinaryCrossEntropyWithLogits, TargetKind.Binary, false)]
    [InlineData(null, "mse", LossFormula.MeanSquaredError, TargetKind.Values, false)]
    [InlineData("relu", "mae", LossFormula.MeanAbsoluteError, TargetKind.Values, false)]
    public void Logits_decision(string? activation, string loss, LossFormula formula, TargetKind targets, bool fromPreActivation)
    {
        var model = TestModels.Classifier("Net", activation, 10);
        var training = CheckValid($"train Net {{\n    loss: {loss}\n    optimizer: adam\n}}\n", model);
        var checkedLoss = Assert.Single(training.Losses);
        Assert.Equal(formula, checkedLoss.Formula);
        Assert.Equal(targets, checkedLoss.Targets);
        Assert.Equal(fromPreActivation, checkedLoss.FromPreActivation);
        Assert.Equal(activation, checkedLoss.FinalActivation);
        Assert.Null(checkedLoss.OutputName);
        Assert.Equal(1.0, checkedLoss.Weight);
        Assert.Equal(loss.Contains("categorical", System.StringComparison.Ordinal) ? 10 : null, checkedLoss.ClassCount);

        var withMetric = CheckValid($"train Net {{\n    loss: {loss}\n    optimizer: adam\n    metrics: [mae]\n}}\n", model);
        Assert.Equal(activation is null && targets != TargetKind.Values, Assert.Single(withMetric.Metrics).OutputIsLogits);
    }

    [Fact]
    public void Binary_crossentropy_accepts_multi_label_sigmoid_outputs()
    {
        var training = CheckValid("train Tags {\n    loss: binary_crossentropy\n    optimizer: adam\n    metrics: [accuracy, precision, recall]\n}\n", TestModels.Classifier("Tags", "sigmoid", 20));
        Assert.Equal(LossFormula.BinaryCrossEntropyWithLogits, training.Losses[0].Formula);
        Assert.All(training.Metrics, m => Assert.Equal(MetricForm.Binary, m.Form));
        Assert.Equal(new[] { "loss", "accuracy", "precision", "recall" }, training.HistoryKeys);
    }

    [Fact]
    public void Multi_output_loss_map_weights_metrics_and_monitors()
    {
        var source = """
            train AgeAndGender {
                loss: { age: categorical_crossentropy, gender: sparse_categorical_crossentropy }
                loss_weights: { gender: 0.5 }
                optimizer: adam
                metrics: [accuracy]
                validation_split: 0.2
                early_stopping(monitor: val_gender_accuracy, patience: 2)
                checkpoint(path: "ckpt/{epoch:02}-{monitor:.3f}.ckpt", monitor: val_age_loss)
            }
            """;
        var training = CheckValid(source, TestModels.AgeAndGender());
        Assert.Equal(new[] { "age", "gender" }, training.Losses.Select(l => l.OutputName));
        Assert.Equal(new[] { 0, 1 }, training.Losses.Select(l => l.OutputIndex));
        Assert.Equal(new[] { 1.0, 0.5 }, training.Losses.Select(l => l.Weight));
        Assert.Equal(new[] { TargetKind.OneHot, TargetKind.ClassIndex }, training.Losses.Select(l => l.Targets));
        Assert.Equal(new[] { "age_accuracy", "gender_accuracy" }, training.Metrics.Select(m => m.Key));
        Assert.Equal(new[] { MetricForm.OneHot, MetricForm.ClassIndex }, training.Metrics.Select(m => m.Form));
        Assert.Equal(new[] { "loss", "age_loss", "gender_loss", "age_accuracy", "gender_accuracy" }, training.HistoryKeys);
        Assert.True(training.HasValidationData);

        var early = training.Stages[0].EarlyStopping!;
        Assert.Equal(new CheckedMonitor("val_gender_accuracy", "gender_accuracy", true, MonitorMode.Max), early.Monitor);
        Assert.Equal(2, early.Patience);

        var checkpoint = training.Stages[0].Checkpoint!;
        Assert.Equal(MonitorMode.Min, checkpoint.Monitor!.Mode);
        Assert.Equal(
            new[]
            {
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "ckpt/", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Epoch, string.Empty, 2, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "-", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Monitor, string.Empty, 0, 3),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, ".ckpt", 0, 0),
            },
            checkpoint.PathParts);
    }

    [Fact]
    public void Checkpoint_paths_may_name_any_recorded_quantity()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    metrics: [accuracy]\n    validation_split: 0.1\n"
            + "    checkpoint(path: \"ckpt/e{epoch}-{val_accuracy:.2f}-{loss}.ckpt\", every: 2)\n}\n";
        var checkpoint = CheckValid(source, TestModels.MnistDnn()).Stages[0].Checkpoint!;
        Assert.Null(checkpoint.Monitor);
        Assert.False(checkpoint.SaveBestOnly);
        Assert.Equal(2, checkpoint.Every);
        Assert.Equal(
            new[]
            {
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "ckpt/e", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Epoch, string.Empty, 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "-", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Quantity, "val_accuracy", 0, 2),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, "-", 0, 0),
                new CheckpointPathPart(CheckpointPathPartKind.Quantity, "loss", 0, 4),
                new CheckpointPathPart(CheckpointPathPartKind.Literal, ".ckpt", 0, 0),
            },
            checkpoint.PathParts);
    }

    [Fact]
    public void A_single_loss_applies_to_every_output_and_a_metrics_map_to_named_outputs()
    {
        var source = "train AgeAndGender {\n    loss: categorical_crossentropy\n    optimizer: adam\n    metrics: { age: [top_k(3), mae], gender: [accuracy] }\n}\n";
        var training = CheckValid(source, TestModels.AgeAndGender());
        Assert.Equal(2, training.Losses.Count);
        Assert.All(training.Losses, l => Assert.Equal(LossKind.CategoricalCrossEntropy, l.Kind));
        Assert.Equal(new[] { "age_top_3_accuracy", "age_mae", "gender_accuracy" }, training.Metrics.Select(m => m.Key));
        Assert.Equal(3, training.Metrics[0].K);
        Assert.Equal(MetricForm.Values, training.Metrics[1].Form);
    }

    [Fact]
    public void Monitor_modes_resolve_from_the_quantity()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    metrics: [accuracy, mae]\n    validation_split: 0.1\n"
            + "    stage a { early_stopping(monitor: val_loss) }\n    stage b { early_stopping(monitor: accuracy) }\n    stage c { early_stopping(monitor: val_mae, mode: auto) }\n    stage d { early_stopping(\"val_accuracy\", 3, 0.01, min) }\n}\n";
        var result = Check(source, TestModels.MnistDnn());
        Assert.Equal(new[] { "MD5109" }, Ids(result));
        Assert.Equal(
            new[] { MonitorMode.Min, MonitorMode.Max, MonitorMode.Min, MonitorMode.Min },
            result.Training!.Stages.Select(s => s.EarlyStopping!.Monitor.Mode));
        Assert.Equal(0.01, result.Training.Stages[3].EarlyStopping!.MinDelta);
    }

    [Fact]
    public void Schedules_resolve_with_nested_then_and_unit()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: sgd(0.1)\n    schedule: warmup(500, then: cosine(min_lr: 1e-4), per: step)\n"
            + "    stage a { schedule: step_decay(0.5, every: 10) }\n    stage b { schedule: exponential(gamma: 0.95) }\n    stage c { schedule: time_decay(0.01) }\n    stage d { }\n}\n";
        var training = CheckValid(source, TestModels.MnistDnn());
        var warmup = training.Stages[3].Schedule!;
        Assert.Equal(ScheduleKind.Warmup, warmup.Kind);
        Assert.Equal(ScheduleUnit.Step, warmup.Per);
        Assert.Equal(500, warmup.Arguments.Integer("epochs"));
        Assert.Equal(ScheduleKind.Cosine, warmup.Then!.Kind);
        Assert.Equal(ScheduleUnit.Step, warmup.Then.Per);
        Assert.Equal(1e-4, warmup.Then.Arguments.Number("min_lr"));
        Assert.False(warmup.Then.Arguments.Has("period"));
        Assert.False(warmup.Arguments.Has("per"));

        var step = training.Stages[0].Schedule!;
        Assert.Equal(ScheduleKind.StepDecay, step.Kind);
        Assert.Equal(ScheduleUnit.Epoch, step.Per);
        Assert.Equal(0.5, step.Arguments.Number("rate"));
        Assert.Equal(10, step.Arguments.Integer("every"));
        Assert.Equal(0.95, training.Stages[1].Schedule!.Arguments.Number("gamma"));
        Assert.Equal(0.01, training.Stages[2].Schedule!.Arguments.Number("decay"));
    }

    [Fact]
    public void Image_sources_default_size_and_color_from_the_model_input()
    {
        var source = """
            train ResNet50 {
                loss: sparse_categorical_crossentropy
                optimizer: adam
                data {
                    train: folder("data/train")
                    validation: csv("labels.csv", path: location, label: "kind", size: (224, 224))
                    test: json("test.json")
                    normalize: mean_std([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
                }
            }
            """;
        var training = CheckValid(source, TestModels.ResNet());
        var data = training.Data!;
        Assert.Equal("folder(path: \"data/train\", size: (224, 224), color: rgb)", data.Train!.ToString());
        Assert.False(data.Train.Arguments.Find("size")!.IsExplicit);
        Assert.Equal("location", data.Validation!.Arguments.Text("path"));
        Assert.Equal("kind", data.Validation.Arguments.Text("label"));
        Assert.Equal("path", data.Test!.Arguments.Text("path"));
        Assert.Equal(DataSourceKind.Json, data.Test.Kind);
        Assert.Equal(NormalizationKind.MeanStd, data.Normalize!.Kind);
        Assert.Equal(new[] { 0.229, 0.224, 0.225 }, data.Normalize.Arguments.Numbers("std"));
        Assert.True(training.HasValidationData);
        Assert.Equal("Models", training.SourceDirectory);
        Assert.Equal("Models/test.model", training.SourcePath);
    }

    [Fact]
    public void Checking_twice_gives_equal_records()
    {
        var source = "train ResNet50 {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    metrics: [accuracy, top_k(5)]\n    schedule: warmup(2, then: cosine())\n    freeze: [stem]\n    data { augment { flip(horizontal: true) zoom(0.9, 1.1) } }\n}\n";
        var first = CheckValid(source, TestModels.ResNet());
        var second = CheckValid(source, TestModels.ResNet());
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, CheckValid(source.Replace("top_k(5)", "top_k(4)", System.StringComparison.Ordinal), TestModels.ResNet()));
    }

    [Theory]
    [InlineData("epochs: [1, 2]\nbatch_size: \"big\"\nloss: { }\nmetrics: accuracy\nfreeze: [1, (2, 3)]\nschedule: 5\noptimizer: { a: 1 }")]
    [InlineData("data { train: 5\nnormalize: [1]\naugment { rotate(degrees: true) zoom() } }\ncheckpoint()\nearly_stopping(1, 2, 3, 4, 5, 6)")]
    [InlineData("loss: { age: { x: mse } }\nloss_weights: [1, 2]\nmetrics: { age: accuracy, nobody: [mae] }\nstage s { stage t { } }")]
    public void Nonsense_never_throws_and_is_reported(string body)
    {
        var source = "train AgeAndGender {\n    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal) + "\n}\n";
        var parsed = ModelDsl.Compiler.Syntax.ModelParser.Parse(new SourceFile(FilePath, source));
        var train = parsed.Root.Declarations.OfType<ModelDsl.Compiler.Syntax.TrainDeclarationSyntax>().FirstOrDefault();
        if (train is null)
        {
            // The parser rejected the whole declaration; nothing for the training stage to check.
            Assert.True(parsed.HasErrors);
            return;
        }

        var result = TrainingChecker.Check(train, TestModels.AgeAndGender(), new[] { "AgeAndGender" });
        Assert.Null(result.Training);
        Assert.True(result.Diagnostics.Any(d => d.IsError) || parsed.HasErrors);
    }
}
