using System;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Training;
using Xunit;
using static ModelDsl.Compiler.Tests.Training.TrainingTestHost;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>Every MD21xx, MD4xxx and MD51xx diagnostic, each from a small train declaration.</summary>
public sealed class TrainingDiagnosticTests
{
    private static TrainingModel Model(string kind) => kind switch
    {
        "mnist" => TestModels.MnistDnn(),
        "binary" => TestModels.Classifier("Binary", "sigmoid", 1),
        "single" => TestModels.Classifier("Single", "softmax", 1),
        "regressor" => TestModels.Regressor(),
        "multi" => TestModels.AgeAndGender(),
        "resnet" => TestModels.ResNet(),
        "wide" => TestModels.MnistDnn() with { Inputs = EquatableArray.Create(new TrainingTensor("image", EquatableArray.Create<long?>(1, 28, 32), "[N, 1, 28, 32]")) },
        "twoinputs" => TestModels.MnistDnn() with
        {
            Inputs = EquatableArray.Create(
                new TrainingTensor("a", EquatableArray.Create<long?>(1, 28, 28), "[N, 1, 28, 28]"),
                new TrainingTensor("b", EquatableArray.Create<long?>(1, 28, 28), "[N, 1, 28, 28]")),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A train declaration for <paramref name="model"/>: the body, plus a valid loss and optimizer unless it sets them.</summary>
    private static string Train(TrainingModel model, string body)
    {
        var loss = body.Contains("loss:", StringComparison.Ordinal) ? string.Empty
            : model.Outputs.Count > 1 ? "    loss: { age: categorical_crossentropy, gender: categorical_crossentropy }\n"
            : model.Outputs[0].FinalActivation == "sigmoid" ? "    loss: binary_crossentropy\n"
            : model.Name == "Regressor" ? "    loss: mse\n"
            : "    loss: sparse_categorical_crossentropy\n";
        var optimizer = body.Contains("optimizer", StringComparison.Ordinal) ? string.Empty : "    optimizer: adam(lr: 0.001)\n";
        return $"train {model.Name} {{\n{loss}{optimizer}    {body.Replace("\n", "\n    ", StringComparison.Ordinal)}\n}}\n";
    }

    [Theory]
    [InlineData("MD2102", "mnist", "loss: sparse_categorical_crossentropi", "did you mean 'sparse_categorical_crossentropy'")]
    [InlineData("MD2102", "mnist", "loss: hinge", "expected one of mse, mae")]
    [InlineData("MD2103", "mnist", "optimizer: adamm(lr: 0.1)", "did you mean 'adam'")]
    [InlineData("MD2104", "mnist", "schedule: cosin()", "did you mean 'cosine'")]
    [InlineData("MD2105", "mnist", "metrics: [acuracy]", "did you mean 'accuracy'")]
    [InlineData("MD2106", "mnist", "metrics: [accuracy]\nvalidation_split: 0.1\nearly_stopping(monitor: val_accurcy)", "did you mean 'val_accuracy'")]
    [InlineData("MD2106", "mnist", "validation_split: 0.1\nearly_stopping(monitor: val_accuracy)", "this training records loss, val_loss")]
    [InlineData("MD2107", "mnist", "epoch: 10", "did you mean 'epochs'")]
    [InlineData("MD2107", "mnist", "earlystopping(monitor: loss)", "did you mean 'early_stopping'")]
    [InlineData("MD2108", "mnist", "data { train: idxx(images: \"a\", labels: \"b\") }", "did you mean 'idx'")]
    [InlineData("MD2109", "mnist", "data { normalize: scal(255) }", "did you mean 'scale'")]
    [InlineData("MD2110", "mnist", "data { augment { flipp(horizontal: true) } }", "did you mean 'flip'")]
    [InlineData("MD2111", "mnist", "optimizer: adam(betta1: 0.8)", "did you mean 'beta1'")]
    [InlineData("MD2111", "mnist", "loss: mse(reduction: 1)", "mse has no argument 'reduction'")]
    [InlineData("MD2112", "mnist", "schedule: step_decay(0.5)", "step_decay needs its argument 'every'")]
    [InlineData("MD2112", "mnist", "data { train: idx(images: \"a\") }", "needs its argument 'labels'")]
    [InlineData("MD2113", "mnist", "shuffle: 1", "shuffle expects true or false but found 1")]
    [InlineData("MD2113", "mnist", "optimizer: adam(lr: \"0.1\")", "adam argument lr expects a number but found the string \"0.1\"")]
    [InlineData("MD2113", "mnist", "early_stopping(patience: 2.5)", "expects a whole number but found 2.5")]
    [InlineData("MD2113", "resnet", "freeze: stem", "freeze expects a list of module names")]
    [InlineData("MD2114", "mnist", "optimizer: sgd(0.1, 0.9, true, 0.0, 5)", "sgd takes at most 4 positional arguments but found 5")]
    [InlineData("MD2115", "mnist", "epochs: 5\nepochs: 6", "'epochs' is already given at line")]
    [InlineData("MD2115", "mnist", "optimizer: adam(lr: 0.1, lr: 0.2)", "'lr' is already given")]
    [InlineData("MD2115", "mnist", "metrics: [accuracy, accuracy]", "'accuracy' is already given")]
    [InlineData("MD2116", "multi", "loss: { agee: categorical_crossentropy, gender: categorical_crossentropy }", "model AgeAndGender has no output 'agee'; its outputs are age, gender; did you mean 'age'?")]
    [InlineData("MD2116", "multi", "loss_weights: { gendr: 2 }", "did you mean 'gender'")]
    [InlineData("MD2116", "mnist", "loss: { output: sparse_categorical_crossentropy }", "its outputs are one unnamed output (write the loss without a map)")]
    [InlineData("MD2117", "mnist", "data { trian: idx(images: \"a\", labels: \"b\") }", "did you mean 'train'")]
    [InlineData("MD2118", "mnist", "early_stopping(monitor: loss, mode: maximum)", "mode to be one of auto, min, max but found 'maximum'")]
    [InlineData("MD2118", "mnist", "schedule: cosine(per: batch)", "per to be one of epoch, step")]
    public void Names_and_arguments(string id, string model, string body, string messagePart)
    {
        var diagnostic = Expect(id, Train(Model(model), body), Model(model));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Theory]
    [InlineData("MD4001", "mnist", "loss: binary_crossentropy", "binary_crossentropy on the output [N, 10] expects sigmoid probabilities or logits (no final activation) but the output ends in softmax")]
    [InlineData("MD4001", "binary", "loss: categorical_crossentropy", "expects softmax probabilities over the classes or logits (no final activation) but the output ends in sigmoid")]
    [InlineData("MD4002", "single", "loss: sparse_categorical_crossentropy", "at least 2 classes on axis 0 but the output is [N, 1]")]
    [InlineData("MD4005", "multi", "loss: { age: categorical_crossentropy }", "has no entry for gender")]
    [InlineData("MD4006", "mnist", "epochs: 0", "epochs expects a whole number from 1 to 1,000,000 in all but found 0")]
    [InlineData("MD4006", "mnist", "epochs: 2000000", "but found 2000000")]
    [InlineData("MD4006", "mnist", "epochs: 600000\nstage a { }\nstage b { }", "stage b ends at epoch 1200000")]
    [InlineData("MD4006", "mnist", "epochs: 2.5", "but found 2.5")]
    [InlineData("MD4007", "mnist", "batch_size: -4", "batch_size expects a whole number ≥ 1 but found -4")]
    [InlineData("MD4008", "mnist", "validation_split: 1.0", "validation_split expects a fraction 0 ≤ v < 1 but found 1.0")]
    [InlineData("MD4008", "mnist", "validation_split: -0.1", "but found -0.1")]
    [InlineData("MD4009", "mnist", "optimizer: adam(lr: 0)", "adam expects a learning rate lr > 0 but found 0")]
    [InlineData("MD4009", "mnist", "optimizer: sgd(-0.5)", "found -0.5")]
    [InlineData("MD4010", "mnist", "optimizer: sgd(lr: 0.1, momentum: 1.5)", "sgd expects momentum in [0, 1) but found 1.5")]
    [InlineData("MD4010", "mnist", "early_stopping(monitor: loss, patience: -1)", "early_stopping expects patience ≥ 0 but found -1")]
    [InlineData("MD4010", "mnist", "data { train: folder(\"x\", size: (0, 28)) }", "≥ 1 in each dimension")]
    [InlineData("MD4011", "resnet", "freeze: [residual_group_0]", "but found 'residual_group_0'; did you mean 'learner.residual_group_0'?")]
    [InlineData("MD4011", "resnet", "freeze: [learner.residual_groop_1]", "did you mean 'learner.residual_group_1'")]
    [InlineData("MD4013", "mnist", "checkpoint(path: \"ckpt/{epoc}.ckpt\")", "unknown placeholder '{epoc}'")]
    [InlineData("MD4013", "mnist", "checkpoint(path: \"ckpt/{epoch.ckpt\")", "is not closed")]
    [InlineData("MD4013", "mnist", "checkpoint(path: \"ckpt/epoch}.ckpt\")", "closes no placeholder")]
    [InlineData("MD4013", "mnist", "checkpoint(path: \"\")", "the path is empty")]
    [InlineData("MD4013", "mnist", "checkpoint(path: \"ckpt/{val_acc:.2f}.ckpt\")", "unknown placeholder '{val_acc:.2f}'")]
    [InlineData("MD4014", "mnist", "checkpoint(path: \"ckpt/{monitor}.ckpt\")", "add 'monitor: val_loss'")]
    [InlineData("MD4015", "mnist", "stage head { epochs: 1, loss: mse }", "'loss' describes the whole training")]
    [InlineData("MD4016", "mnist", "stage head { epochs: 1 }\nstage head { epochs: 2 }", "stage head is already declared")]
    [InlineData("MD4017", "mnist", "metrics: [top_k(10)]", "k below the class count of the output (10) but found k = 10")]
    [InlineData("MD4018", "mnist", "data { train: folder(\"x\", size: (32, 32)) }", "folder expects size (28, 28) to match the model input but found (32, 32)")]
    [InlineData("MD4018", "mnist", "data { train: folder(\"x\", color: rgb) }", "found rgb (3 channels)")]
    [InlineData("MD4018", "regressor", "data { train: csv(\"labels.csv\") }", "csv expects an image input [C, H, W]")]
    [InlineData("MD4019", "resnet", "data { normalize: mean_std([0.5, 0.5], [0.2, 0.2, 0.2]) }", "as many std values as mean values but found 2 mean and 3 std")]
    [InlineData("MD4019", "resnet", "data { normalize: mean_std([0.5, 0.5], [0.2, 0.2]) }", "one value per input channel (3")]
    [InlineData("MD4019", "resnet", "data { normalize: mean_std([0.5], [0]) }", "every std > 0")]
    [InlineData("MD4020", "mnist", "data { normalize: range(1, -1) }", "range expects min < max but found min = 1, max = -1")]
    [InlineData("MD4020", "mnist", "data { augment { zoom(1.2, 0.8) } }", "zoom expects min < max")]
    [InlineData("MD4021", "mnist", "steps_per_epoch: 0", "steps_per_epoch expects a whole number ≥ 1 but found 0")]
    [InlineData("MD4022", "binary", "metrics: [top_k(3)]", "top_k on the output expects a categorical output")]
    [InlineData("MD4023", "multi", "loss_weights: { age: -1 }", "loss_weights expects a number ≥ 0 for output age but found -1")]
    [InlineData("MD4024", "regressor", "data { augment { rotate(degrees: 10) } }", "rotate expects an image input [C, H, W] but the model input is [N, 784]")]
    [InlineData("MD4025", "mnist", "seed: -3", "seed expects a whole number ≥ 0 but found -3")]
    [InlineData("MD4026", "mnist", "optimizer: sgd(lr: 0.1, nesterov: true)", "momentum is 0")]
    [InlineData("MD4027", "twoinputs", "data { train: idx(images: \"a\", labels: \"b\") }", "TwoInputs")]
    [InlineData("MD4030", "regressor", "data { train: table(\"t.csv\", features: [a, b], target: y) }", "list 2 columns but the model input [N, 784] takes 784")]
    [InlineData("MD4031", "multi", "data { train: table(\"t.csv\", target: { age: a, gendr: g }) }", "names 'gendr', which is not an output of AgeAndGender; did you mean 'gender'?")]
    [InlineData("MD4031", "multi", "data { train: table(\"t.csv\", target: a) }", "must name a column per output")]
    [InlineData("MD4032", "regressor", "data { train: table(\"t.csv\", target: [y, z]) }", "takes 1 column of values")]
    [InlineData("MD4032", "multi", "data { train: table(\"t.csv\", target: { age: [a, b], gender: g }) }", "takes one column of classes")]
    [InlineData("MD4033", "multi", "data { train: table(\"t.csv\", features: [a, b, a], target: { age: c, gender: g }) }", "column a is used twice")]
    [InlineData("MD4018", "mnist", "data { train: table(\"t.csv\", target: y) }", "a feature vector input [F]")]
    [InlineData("MD4045", "mnist", "data { augment { rot90(k: [1, 4]) } }", "rot90 argument k expects quarter turns 0, 1, 2 or 3 (90° each) but found 4")]
    [InlineData("MD4045", "mnist", "data { augment { rot90(k: [90]) } }", "but found 90; write an angle as its number of quarter turns")]
    [InlineData("MD4045", "mnist", "data { augment { rot90(k: [0.5]) } }", "but found 0.5")]
    [InlineData("MD4045", "mnist", "data { augment { rot90(k: [1, 3, 1]) } }", "each quarter turn once but found 1 twice")]
    [InlineData("MD4045", "mnist", "data { augment { rot90(k: []) } }", "the list is empty")]
    [InlineData("MD4046", "wide", "data { augment { rot90(k: [0, 1]) } }", "expects square images but the model input is [N, 1, 28, 32]")]
    [InlineData("MD2113", "mnist", "data { normalize: standardize(global: 1) }", "standardize argument global expects true or false but found 1")]
    [InlineData("MD4047", "resnet", "data { train: folder(\"x\", size: (256, 256), resize: 256, crop: 224) }", "folder expects either size: (h, w) (resize to exactly h x w) or resize: n")]
    [InlineData("MD4048", "resnet", "data { train: folder(\"x\", resize: 200, crop: (224, 224)) }", "folder crop (224, 224) expects an image at least as large but resize: 200 (the shorter side")]
    [InlineData("MD4048", "resnet", "data { train: csv(\"l.csv\", size: (220, 300), crop: 224) }", "csv crop (224, 224) expects an image at least as large but size: (220, 300) gives less")]
    [InlineData("MD4018", "resnet", "data { train: json(\"l.json\", resize: 256, crop: (200, 200)) }", "json expects crop (224, 224) to match the model input but found (200, 200)")]
    [InlineData("MD4010", "resnet", "data { train: folder(\"x\", resize: 0, crop: 224) }", "folder expects resize ≥ 1 but found 0")]
    [InlineData("MD4010", "mnist", "data { augment { shear(degrees: 90) } }", "shear expects degrees in (0, 90) but found 90")]
    [InlineData("MD4010", "mnist", "data { augment { shear(degrees: 0) } }", "found 0")]
    [InlineData("MD4060", "resnet", "pretrained(\"r.safetensors\", map: torchvision, parts: [stem, residual_group_0])", "but found 'residual_group_0'; did you mean 'learner.residual_group_0'?")]
    [InlineData("MD4061", "resnet", "pretrained(\"r.safetensors\", parts: [stem.zeropad2d_0])", "'stem.zeropad2d_0' has none")]
    [InlineData("MD2118", "resnet", "pretrained(\"r.safetensors\", map: keras)", "keras")]
    [InlineData("MD4015", "resnet", "stage head { epochs: 1, pretrained(\"r.safetensors\") }", "'pretrained' describes the whole training")]
    public void Training_errors(string id, string model, string body, string messagePart)
    {
        var view = Model(model);
        if (model == "twoinputs")
        {
            view = view with { Name = "TwoInputs" };
        }

        var diagnostic = Expect(id, Train(view, body), view);
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Theory]
    [InlineData("MD5101", "mnist", "loss: mse", "mse on the output, which ends in softmax")]
    [InlineData("MD5102", "mnist", "early_stopping(monitor: val_loss)", "val_loss is only recorded with validation data")]
    [InlineData("MD5102", "mnist", "checkpoint(path: \"best.ckpt\", save_best_only: true)", "val_loss is only recorded")]
    [InlineData("MD5103", "regressor", "metrics: [accuracy]", "accuracy on the output expects class predictions but its loss is mse")]
    [InlineData("MD5104", "resnet", "freeze: [stem, learner, task]", "stage main freezes every trainable parameter")]
    [InlineData("MD5105", "mnist", "validation_split: 0.2\ndata { validation: idx(images: \"a\", labels: \"b\") }", "validation_split is ignored")]
    [InlineData("MD5106", "mnist", "data { augment { flip() } }", "flip changes nothing")]
    [InlineData("MD5106", "mnist", "data { augment { shift(width: 0, height: 0) } }", "shift changes nothing")]
    [InlineData("MD5106", "mnist", "data { augment { rot90(k: [0]) } }", "rot90 changes nothing")]
    [InlineData("MD5107", "mnist", "optimizer: sgd(lr: 0.01)\nschedule: cosine(min_lr: 0.05)", "min_lr = 0.05 with lr = 0.01")]
    [InlineData("MD5107", "mnist", "optimizer: sgd(lr: 0.01)\nschedule: warmup(2, then: cosine(min_lr: 0.01))", "min_lr = 0.01")]
    [InlineData("MD5108", "resnet", "freeze: [learner, learner.residual_group_0]", "'learner.residual_group_0' is already frozen by 'learner'")]
    [InlineData("MD5108", "resnet", "freeze: [stem, stem]", "'stem' is already frozen by 'stem'")]
    [InlineData("MD5110", "multi", "loss: { age: categorical_crossentropy, gender: binary_crossentropy }", "is categorical cross-entropy with one-hot targets")]
    [InlineData("MD5109", "mnist", "validation_split: 0.1\nearly_stopping(monitor: val_loss, mode: max)", "use mode: min or auto")]
    public void Training_warnings(string id, string model, string body, string messagePart)
    {
        var view = Model(model);
        var result = Check(Train(view, body), view);
        var diagnostic = result.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, $"expected {id}, got:\n" + string.Join("\n", result.Diagnostics));
        Assert.Contains(messagePart, diagnostic!.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);

        // Warnings never block the record.
        Assert.True(result.Training is not null, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void MD2101_unknown_model_suggests_a_declared_one_and_still_checks_the_body()
    {
        var source = "train MnistDn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adamm\n}\n";
        var result = Check(source, null, "MnistDnn", "ResNet50");
        var unknown = Assert.Single(result.Diagnostics, d => d.Id == "MD2101");
        Assert.Contains("found 'MnistDn'; did you mean 'MnistDnn'?", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("MnistDn", TextAt(source, unknown.Span));

        // One error does not hide an independent one.
        Assert.Contains("MD2103", Ids(result));
        Assert.Null(result.Training);
    }

    [Fact]
    public void A_wrong_loss_does_not_hide_an_unknown_monitor()
    {
        var source = "train MnistDnn {\n    loss: binary_crossentropy\n    optimizer: adam\n    metrics: [accuracy]\n    validation_split: 0.1\n    early_stopping(monitor: val_acuracy)\n}\n";
        var result = Check(source, TestModels.MnistDnn());
        Assert.Equal(new[] { "MD4001", "MD2106" }, Ids(result));
    }

    [Fact]
    public void A_declared_model_with_errors_produces_no_record_and_no_cascade()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam\n    freeze: [nothing_here]\n    early_stopping(monitor: val_nonsense)\n}\n";
        var result = Check(source, null, "MnistDnn");
        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Training);
    }

    [Fact]
    public void MD4003_and_MD4004_missing_loss_and_optimizer_point_at_the_train_name()
    {
        var source = "train MnistDnn as Plain {\n    epochs: 3\n}\n";
        var result = Check(source, TestModels.MnistDnn());
        var loss = Assert.Single(result.Diagnostics, d => d.Id == "MD4003");
        var optimizer = Assert.Single(result.Diagnostics, d => d.Id == "MD4004");
        Assert.Equal("Plain", TextAt(source, loss.Span));
        Assert.Equal("Plain", TextAt(source, optimizer.Span));
        Assert.Contains("train Plain has no loss", loss.Message, StringComparison.Ordinal);
        Assert.Null(result.Training);
    }

    [Fact]
    public void MD4004_when_a_stage_lacks_an_optimizer_and_there_is_no_default()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    stage a { epochs: 1, optimizer: sgd(0.1) }\n    stage b { epochs: 1 }\n}\n";
        Assert.Contains("MD4004", Ids(Check(source, TestModels.MnistDnn())));

        var complete = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    stage a { epochs: 1, optimizer: sgd(0.1) }\n    stage b { epochs: 1, optimizer: adam }\n}\n";
        Assert.Empty(Check(complete, TestModels.MnistDnn()).Diagnostics);
    }

    [Fact]
    public void MD4012_duplicate_trains_unnamed_and_named()
    {
        var source = "model MnistDnn { input image: float[1, 28, 28] }\n"
            + "train MnistDnn { loss: mse\n optimizer: adam }\n"
            + "train MnistDnn { loss: mse\n optimizer: sgd }\n"
            + "train MnistDnn as Fine { loss: mse\n optimizer: adam }\n"
            + "train MnistDnn as Fine { loss: mse\n optimizer: adam }\n";
        var parsed = ModelDsl.Compiler.Syntax.ModelParser.Parse(new SourceFile(FilePath, source));
        var trains = parsed.Root.Declarations.OfType<ModelDsl.Compiler.Syntax.TrainDeclarationSyntax>().ToList();
        Assert.Equal(4, trains.Count);
        var model = TestModels.Regressor() with { Name = "MnistDnn" };
        var (trainings, diagnostics) = TrainingChecker.CheckAll(trains, new System.Collections.Generic.Dictionary<string, TrainingModel?> { ["MnistDnn"] = model });
        var duplicates = diagnostics.Where(d => d.Id == "MD4012").ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.Contains("already has an unnamed train declaration at Models/test.model(2,7)", duplicates[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, duplicates[0].Span.Line);
        Assert.Contains("a train declaration named Fine already exists", duplicates[1].Message, StringComparison.Ordinal);

        // The first of each name keeps its record.
        Assert.Equal(new[] { "MnistDnnTrainer", "FineTrainer" }, trainings.Select(t => t.TrainerName));
        Assert.Equal(OptimizerKind.Adam, trainings[0].Stages[0].Optimizer.Kind);
    }

    [Fact]
    public void Diagnostics_point_at_the_offending_text()
    {
        var source = "train MnistDnn {\n    loss: sparse_categorical_crossentropy\n    optimizer: adam(lr: -1)\n    epochs: 0\n}\n";
        var result = Check(source, TestModels.MnistDnn());
        var lr = Assert.Single(result.Diagnostics, d => d.Id == "MD4009");
        Assert.Equal("-1", TextAt(source, lr.Span));
        Assert.Equal(3, lr.Span.Line);
        var epochs = Assert.Single(result.Diagnostics, d => d.Id == "MD4006");
        Assert.Equal("0", TextAt(source, epochs.Span));
        Assert.StartsWith("Models/test.model(3,", lr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mnist", "rot90(k: [1, 4])", "[1, 4]")]
    [InlineData("wide", "rot90(k: [0, 1])", "[0, 1]")]
    public void Rot90_diagnostics_point_at_the_k_list(string model, string call, string located)
    {
        var view = Model(model);
        var source = Train(view, "data { augment { " + call + " } }");
        var diagnostic = Check(source, view).Diagnostics.First(d => d.Id is "MD4045" or "MD4046");
        Assert.Equal(located, TextAt(source, diagnostic.Span));
    }

    [Theory]
    [InlineData("data { train: folder(\"x\", resize: 200, crop: (224, 224)) }", "(224, 224)", "MD4048")]
    [InlineData("data { train: folder(\"x\", size: (256, 256), resize: 256, crop: 224) }", "256", "MD4047")]
    public void Sizing_diagnostics_point_at_the_argument(string body, string located, string id)
    {
        var view = Model("resnet");
        var source = Train(view, body);
        var diagnostic = Expect(id, source, view);
        Assert.Equal(located, TextAt(source, diagnostic.Span));
    }

    [Fact]
    public void Resize_and_crop_check_cleanly_without_a_default_size()
    {
        var view = Model("resnet");
        var result = Check(Train(view, "data { train: folder(\"x\", resize: 256, crop: 224)\n validation: csv(\"v.csv\", resize: 224) }"), view);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var train = result.Training!.Data!.Train!.Arguments;
        Assert.Null(train.Size("size")); // the crop is the model's size; no size: (224, 224) is defaulted in
        Assert.Equal(256, train.NumberOrNull("resize"));
        Assert.Equal(224, train.Size("crop")!.Height);
    }

    [Fact]
    public void Global_standardize_checks_cleanly()
    {
        var view = Model("resnet");
        var result = Check(Train(view, "data { normalize: standardize(global: true) }"), view);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.True(result.Training!.Data!.Normalize!.Arguments.Boolean("global"));
        Assert.False(Check(Train(view, "data { normalize: standardize }"), view).Training!.Data!.Normalize!.Arguments.Boolean("global"));
    }

    [Fact]
    public void Shear_and_rot90_check_cleanly_and_keep_the_written_order()
    {
        var view = Model("mnist");
        var result = Check(Train(view, "data { augment { rot90(k: [1, 3])  brightness(0.8, 1.2)  shear(degrees: 20)  zoom(0.9, 1.1) } }"), view);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var augment = result.Training!.Data!.Augment;
        Assert.Equal(new[] { AugmentationKind.Rot90, AugmentationKind.Brightness, AugmentationKind.Shear, AugmentationKind.Zoom }, augment.Select(a => a.Kind));
        Assert.Equal(new[] { 1.0, 3.0 }, augment[0].Arguments.Numbers("k"));
    }

    [Fact]
    public void Every_training_id_is_in_the_catalog_with_the_right_severity()
    {
        var ids = DiagnosticCatalog.All.Where(d => d.Category == "Training").ToList();
        Assert.Equal(18 + 27 + 10 + 4 + 2 + 4 + 2 + 2, ids.Count); // + 4: the table checks MD4030-MD4033; + 2: pretrained MD4060, MD4061; + 4: splits MD4034-MD4037; + 2: rot90 MD4045, MD4046; + 2: sizing MD4047, MD4048
        Assert.All(ids, d => Assert.Equal(d.Id.StartsWith("MD51", StringComparison.Ordinal) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(ids.Count, ids.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_training_id_is_documented()
    {
        var directory = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "docs", "diagnostics.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var docs = System.IO.File.ReadAllText(System.IO.Path.Combine(directory!.FullName, "docs", "diagnostics.md"));
        Assert.All(DiagnosticCatalog.All.Where(d => d.Category == "Training"), d => Assert.Contains("### " + d.Id + " — ", docs, StringComparison.Ordinal));
    }
}
