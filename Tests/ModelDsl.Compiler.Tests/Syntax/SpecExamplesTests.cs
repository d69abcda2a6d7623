using System.Linq;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>The examples of LANGUAGE.md, verbatim, parse without diagnostics into the expected shape.</summary>
public sealed class SpecExamplesTests
{
    public const string MnistDnn = """
        model MnistDnn {
            input image: float[1, 28, 28]
            flatten()
            dense(512, activation: relu)
            dense(512, activation: relu)
            dense(10, activation: softmax)
        }
        """;

    public const string AgeAndGender = """
        model AgeAndGender {
            input measures: float[3]
            dense(10, activation: relu)
            dense(10, activation: relu)
            let trunk = x                       // a named tensor can feed several heads
            output age    = trunk |> dense(5, activation: softmax)
            output gender = trunk |> dense(2, activation: softmax)
        }
        """;

    public const string ResNet50 = """
        namespace Acme.Vision            // C# namespace of the types this file generates (default: project RootNamespace)
        import "blocks/resnet.model"     // brings that file's blocks and groups into scope (path relative to this file)

        block bottleneck(filters: int) {            // identity shortcut (ResNet50 v1)
            let shortcut = input
            conv2d(filters, kernel: 1)        batchnorm()  relu()
            conv2d(filters, kernel: 3, padding: same)  batchnorm()  relu()
            conv2d(filters * 4, kernel: 1)    batchnorm()
            add(shortcut)
            relu()
        }

        block projection(filters: int, stride: int = 2) {
            let shortcut = input |> conv2d(filters * 4, kernel: 1, stride: stride) |> batchnorm()
            conv2d(filters, kernel: 1, stride: stride)  batchnorm()  relu()
            conv2d(filters, kernel: 3, padding: same)   batchnorm()  relu()
            conv2d(filters * 4, kernel: 1)              batchnorm()
            add(shortcut)
            relu()
        }

        group residual_group(filters: int, blocks: int, stride: int = 2) {
            projection(filters, stride: stride)
            repeat blocks - 1 { bottleneck(filters) }
        }

        model ResNet50 {
            input image: float[3, 224, 224]
            stem    { zeropad2d(3)  conv2d(64, kernel: 7, stride: 2)  batchnorm()  relu()  zeropad2d(1)  maxpool2d(3, stride: 2) }
            learner { residual_group(64, blocks: 3, stride: 1)  residual_group(128, blocks: 4)
                      residual_group(256, blocks: 6)            residual_group(512, blocks: 3) }
            task    { global_avgpool2d()  dense(1000, activation: softmax) }
        }
        """;

    public const string TrainMnist = """
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

    public const string TrainStagesAndData = """
        train ResNet50 as Finetune {
            loss: { age: categorical_crossentropy, gender: binary_crossentropy }
            loss_weights: { age: 1.0, gender: 0.5 }
            schedule: warmup(2, then: cosine())
            metrics: [accuracy, top_k(5)]
            freeze: [stem, learner.residual_group_0]
            stage head     { epochs: 5,  freeze: [stem, learner] }
            stage finetune { epochs: 10, optimizer: rmsprop(lr: 1e-5), freeze: [stem] }
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

    [Fact]
    public void MnistDnn_parses_into_input_and_four_layers()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(MnistDnn));
        Assert.Equal("MnistDnn", model.Name.Name);
        var input = Assert.Single(model.Inputs);
        Assert.Equal("image", input.Name.Name);
        Assert.Equal("float", input.ElementType.Name);
        Assert.Equal(new[] { 1, 28, 28 }, input.Dimensions.Select(d => Assert.IsType<IntegerLiteralSyntax>(d).Value));
        Assert.Equal(new[] { "flatten", "dense", "dense", "dense" }, model.Body.Select(s => Assert.IsType<LayerCallSyntax>(s).Name.Name));
        var dense = (LayerCallSyntax)model.Body[1];
        Assert.Equal(512, Assert.IsType<IntegerLiteralSyntax>(dense.Arguments[0].Value).Value);
        Assert.Equal("activation", dense.Arguments[1].Name!.Name);
        Assert.Equal("relu", Assert.IsType<NameExpressionSyntax>(dense.Arguments[1].Value).Name);
        Assert.False(model.HasErrors);
    }

    [Fact]
    public void AgeAndGender_has_let_and_two_outputs()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(AgeAndGender));
        var let = Assert.IsType<LetStatementSyntax>(model.Body[2]);
        Assert.Equal("trunk", let.Name.Name);
        Assert.True(let.Value.IsCurrentTensor);
        Assert.Empty(let.Value.Steps);
        var outputs = model.Body.OfType<OutputStatementSyntax>().ToList();
        Assert.Equal(new[] { "age", "gender" }, outputs.Select(o => o.Name.Name));
        Assert.Equal("trunk", outputs[0].Value.Source.Name);
        Assert.Equal("dense", Assert.Single(outputs[0].Value.Steps).Name.Name);
    }

    [Fact]
    public void ResNet50_blocks_groups_and_sections()
    {
        var root = ParseClean(ResNet50);
        Assert.Equal("Acme.Vision", root.Namespace!.Name);
        Assert.Equal("blocks/resnet.model", Assert.Single(root.Imports).Path.Value);
        Assert.Equal(4, root.Declarations.Count);

        var bottleneck = Assert.IsType<BlockDeclarationSyntax>(root.Declarations[0]);
        Assert.Equal("filters", Assert.Single(bottleneck.Parameters).Name.Name);
        Assert.Equal("int", bottleneck.Parameters[0].Type!.Name);
        Assert.Null(bottleneck.Parameters[0].Default);
        Assert.Equal(11, bottleneck.Body.Count);
        Assert.True(Assert.IsType<LetStatementSyntax>(bottleneck.Body[0]).Value.IsBlockInput);

        var projection = Assert.IsType<BlockDeclarationSyntax>(root.Declarations[1]);
        Assert.Equal(2, Assert.IsType<IntegerLiteralSyntax>(projection.Parameters[1].Default).Value);
        var shortcut = Assert.IsType<LetStatementSyntax>(projection.Body[0]);
        Assert.Equal(new[] { "conv2d", "batchnorm" }, shortcut.Value.Steps.Select(s => s.Name.Name));
        var times = Assert.IsType<BinaryExpressionSyntax>(shortcut.Value.Steps[0].Arguments[0].Value);
        Assert.Equal(BinaryOperator.Multiply, times.Operator);

        var group = Assert.IsType<GroupDeclarationSyntax>(root.Declarations[2]);
        var repeat = Assert.IsType<RepeatStatementSyntax>(group.Body[1]);
        var count = Assert.IsType<BinaryExpressionSyntax>(repeat.Count);
        Assert.Equal(BinaryOperator.Subtract, count.Operator);
        Assert.Equal("bottleneck", Assert.IsType<LayerCallSyntax>(Assert.Single(repeat.Body)).Name.Name);

        var model = Assert.IsType<ModelDeclarationSyntax>(root.Declarations[3]);
        var sections = model.Body.Cast<SectionStatementSyntax>().ToList();
        Assert.Equal(new[] { SectionKind.Stem, SectionKind.Learner, SectionKind.Task }, sections.Select(s => s.Kind));
        Assert.Equal(6, sections[0].Body.Count);
        Assert.Equal(4, sections[1].Body.Count);
        Assert.Equal(2, sections[2].Body.Count);
    }

    [Fact]
    public void Train_with_settings_and_callbacks()
    {
        var train = Single<TrainDeclarationSyntax>(ParseClean(TrainMnist));
        Assert.Equal("MnistDnn", train.Model.Name);
        Assert.Null(train.Alias);
        var settings = train.Items.OfType<SettingSyntax>().ToDictionary(s => s.Key.Name, s => s.Value);
        Assert.Equal(new[] { "loss", "optimizer", "metrics", "epochs", "batch_size", "validation_split" }, settings.Keys);
        var optimizer = Assert.IsType<CallExpressionSyntax>(settings["optimizer"]);
        Assert.Equal(0.001, Assert.IsType<FloatLiteralSyntax>(optimizer.Arguments[0].Value).Value);
        Assert.IsType<FloatLiteralSyntax>(settings["validation_split"]);
        Assert.IsType<IntegerLiteralSyntax>(settings["epochs"]);
        var calls = train.Items.OfType<TrainCallSyntax>().Select(c => c.Call).ToList();
        Assert.Equal(new[] { "early_stopping", "checkpoint" }, calls.Select(c => c.Callee.Name));
        Assert.Equal("0.0", Assert.IsType<FloatLiteralSyntax>(calls[0].Arguments[2].Value).Text);
        Assert.True(Assert.IsType<BooleanLiteralSyntax>(calls[0].Arguments[3].Value).Value);
        Assert.Equal("checkpoints/mnist-{epoch:02}.ckpt", Assert.IsType<StringLiteralSyntax>(calls[1].Arguments[0].Value).Value);
    }

    [Fact]
    public void Train_with_stages_data_and_augment()
    {
        var train = Single<TrainDeclarationSyntax>(ParseClean(TrainStagesAndData));
        Assert.Equal("Finetune", train.Alias!.Name);
        Assert.Equal("Finetune", train.Name.Name);
        var loss = Assert.IsType<MapExpressionSyntax>(((SettingSyntax)train.Items[0]).Value);
        Assert.Equal(new[] { "age", "gender" }, loss.Entries.Select(e => e.Key.Name));
        var schedule = Assert.IsType<CallExpressionSyntax>(((SettingSyntax)train.Items[2]).Value);
        Assert.Equal("then", schedule.Arguments[1].Name!.Name);
        Assert.IsType<CallExpressionSyntax>(schedule.Arguments[1].Value);
        var freeze = Assert.IsType<ListExpressionSyntax>(((SettingSyntax)train.Items[4]).Value);
        Assert.Equal("stem", Assert.IsType<NameExpressionSyntax>(freeze.Elements[0]).Name);
        var member = Assert.IsType<MemberAccessExpressionSyntax>(freeze.Elements[1]);
        Assert.Equal("learner", Assert.IsType<NameExpressionSyntax>(member.Target).Name);
        Assert.Equal("residual_group_0", member.Member.Name);

        var stages = train.Items.OfType<StageSyntax>().ToList();
        Assert.Equal(new[] { "head", "finetune" }, stages.Select(s => s.Name.Name));
        Assert.Equal(new[] { "epochs", "optimizer", "freeze" }, stages[1].Items.Cast<SettingSyntax>().Select(s => s.Key.Name));

        var data = Assert.Single(train.Items.OfType<DataSyntax>());
        Assert.Equal(new[] { "train", "test", "normalize" }, data.Items.OfType<SettingSyntax>().Select(s => s.Key.Name));
        var augment = Assert.Single(data.Items.OfType<AugmentSyntax>());
        Assert.Equal(new[] { "flip", "rotate", "shift", "zoom", "brightness" }, augment.Transforms.Select(t => t.Callee.Name));
    }
}
