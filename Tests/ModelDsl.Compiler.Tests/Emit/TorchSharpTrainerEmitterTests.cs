using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>Trainers for <c>train</c> declarations: snapshots, and compiled against the TorchSharp surface and ModelDsl.Runtime.</summary>
public sealed class TorchSharpTrainerEmitterTests
{
    [Fact]
    public void Trainers_emit_and_compile_with_their_models()
    {
        var sources = EmitTrainingModel();
        Assert.Equal(8, sources.Count);

        foreach (var source in sources.Where(s => s.HintName.Contains("Trainer", StringComparison.Ordinal)))
        {
            Snapshot.Verify(source.Text, Path.GetFileNameWithoutExtension(source.HintName).Replace(".g", string.Empty, StringComparison.Ordinal));
        }

        var diagnostics = GeneratedCodeCompiler.Compile(sources.Select(s => s.Text));
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics));
    }

    [Fact]
    public void Cross_entropy_reads_logits_and_forward_still_returns_probabilities()
    {
        var trainer = EmitTrainingModel().Single(s => s.HintName == "Acme.Digits.MnistDnnTrainer.g.cs").Text;
        Assert.Contains("_model.ForwardLogits(Input(batch, 0))", trainer);
        Assert.Contains("cross_entropy(logits[0], Target(batch.Targets[0], logits[0], classIndices: true))", trainer);
        Assert.Contains("return new[] { global::TorchSharp.torch.nn.functional.softmax(logits[0], 1) };", trainer);
    }

    [Fact]
    public void Stages_rebuild_the_optimizer_and_freeze_by_qualified_name()
    {
        var trainer = EmitTrainingModel().Single(s => s.HintName == "Acme.Digits.FinetuneTrainer.g.cs").Text;
        Assert.Contains("0 => global::TorchSharp.torch.optim.Adagrad(parameters, 0.01,", trainer);
        Assert.Contains("1 => global::TorchSharp.torch.optim.NAdam(parameters, 0.0005,", trainer);
        Assert.Contains("new[] { \"dense_0\" },", trainer);
        Assert.Contains("InitialEpoch = 2,", trainer);
        Assert.Contains("with { PerStep = true }", trainer);
    }

    [Fact]
    public void Multi_output_losses_are_weighted_and_use_logits_per_output()
    {
        var trainer = EmitTrainingModel().Single(s => s.HintName == "Acme.Digits.AgeAndGenderTrainer.g.cs").Text;
        Assert.Contains("binary_cross_entropy_with_logits(logits[1]", trainer);
        Assert.Contains("(loss1 * 0.5)", trainer);
        Assert.Contains("return new[] { result.Age, result.Gender };", trainer);
        Assert.Contains("global::TorchSharp.torch.sigmoid(logits[1])", trainer);
    }

    [Fact]
    public void The_data_block_becomes_load_data_with_paths_relative_to_a_directory()
    {
        var mnist = EmitTrainingModel().Single(s => s.HintName == "Acme.Digits.MnistDnnTrainer.g.cs").Text;
        Assert.Contains("Train = global::ModelDsl.Runtime.Data.DataSource.Idx(\"train-images-idx3-ubyte.gz\", \"train-labels-idx1-ubyte.gz\"),", mnist);
        Assert.Contains("}.Load(directory ?? global::System.IO.Directory.GetCurrentDirectory(), classCount: 10);", mnist);
        Assert.Contains("OutputClassCounts = new int?[] { 10 },", mnist);
        Assert.Contains("Normalization = global::ModelDsl.Runtime.Preprocessing.Normalization.Scale(255.0),", mnist);

        var faces = EmitTrainingModel().Single(s => s.HintName == "Acme.Digits.FacesTrainer.g.cs").Text;
        Assert.Contains("Train = global::ModelDsl.Runtime.Data.DataSource.Csv(\"people.csv\", \"photo\", \"smiling\", new global::ModelDsl.Runtime.Data.ImageSize(64, 64), global::ModelDsl.Runtime.Images.ColorMode.Grayscale)", faces);
        Assert.Contains("Validation = global::ModelDsl.Runtime.Data.DataSource.Folder(\"faces/validation\"", faces);
        Assert.Contains("new global::ModelDsl.Runtime.Augmentation.FlipStep(true, false), new global::ModelDsl.Runtime.Augmentation.RotateStep(15.0)", faces);
        Assert.Contains("new global::ModelDsl.Runtime.Augmentation.ZoomStep(0.9, 1.1)", faces);
        Assert.Contains("new global::ModelDsl.Runtime.Augmentation.BrightnessStep(0.8, 1.2), new global::ModelDsl.Runtime.Augmentation.ShearStep(Degrees: 10.0), new global::ModelDsl.Runtime.Augmentation.Rot90Step(QuarterTurns: new int[] { 0, 2 }) }", faces);
    }

    [Fact]
    public void Model_compiler_emits_trainers_for_checked_trainings()
    {
        var result = ModelCompiler.Compile(new[] { ReadTrainingModel() }, CompilationOptions.Default);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(4, result.Trainings.Count);
        Assert.Equal(
            new[]
            {
                "Acme.Digits.MnistDnn.g.cs", "Acme.Digits.AgeAndGender.g.cs", "Acme.Digits.Regressor.g.cs", "Acme.Digits.Faces.g.cs",
                "Acme.Digits.MnistDnnTrainer.g.cs", "Acme.Digits.AgeAndGenderTrainer.g.cs", "Acme.Digits.FinetuneTrainer.g.cs", "Acme.Digits.FacesTrainer.g.cs",
            }.Order(StringComparer.Ordinal),
            result.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    /// <summary>The sources <see cref="SourceEmitter"/> writes for the checked models and trainings of training.model.</summary>
    [Fact]
    public void Global_standardize_is_emitted_into_the_trainer_options()
    {
        const string text = """
            namespace Acme.Gray
            model Gray {
                input image: float[3, 8, 8]
                flatten()
                dense(2, activation: softmax)
            }
            train Gray {
                loss: sparse_categorical_crossentropy
                optimizer: adam
                data { normalize: standardize(global: true) }
            }
            """;
        var compiled = ModelCompiler.Compile(new[] { new SourceFile("gray.model", text) }, CompilationOptions.Default);
        Assert.DoesNotContain(compiled.Diagnostics, d => d.IsError);
        var trainer = compiled.Sources.Single(s => s.HintName == "Acme.Gray.GrayTrainer.g.cs").Text;
        Assert.Contains("Normalization = global::ModelDsl.Runtime.Preprocessing.Normalization.Standardize(global: true),", trainer);
    }

    [Fact]
    public void Resize_and_crop_are_emitted_by_name_into_load_data()
    {
        const string text = """
            namespace Acme.Crops
            model Crops {
                input image: float[3, 8, 8]
                flatten()
                dense(2, activation: softmax)
            }
            train Crops {
                loss: sparse_categorical_crossentropy
                optimizer: adam
                data {
                    train: folder("photos", resize: 10, crop: 8)
                    validation: csv("val.csv", size: (12, 9), crop: (8, 8))
                }
            }
            """;
        var compiled = ModelCompiler.Compile(new[] { new SourceFile("crops.model", text) }, CompilationOptions.Default);
        Assert.DoesNotContain(compiled.Diagnostics, d => d.IsError);
        var trainer = compiled.Sources.Single(s => s.HintName == "Acme.Crops.CropsTrainer.g.cs").Text;
        Assert.Contains("DataSource.Folder(\"photos\", null, global::ModelDsl.Runtime.Images.ColorMode.Rgb, resize: 10, crop: new global::ModelDsl.Runtime.Data.ImageSize(8, 8))", trainer);
        Assert.Contains("DataSource.Csv(\"val.csv\", \"path\", \"label\", new global::ModelDsl.Runtime.Data.ImageSize(12, 9), global::ModelDsl.Runtime.Images.ColorMode.Rgb, crop: new global::ModelDsl.Runtime.Data.ImageSize(8, 8))", trainer);
    }

    internal static EquatableArray<GeneratedSource> EmitTrainingModel()
    {
        var file = ReadTrainingModel();
        var compiled = ModelCompiler.Compile(new[] { file }, CompilationOptions.Default with { Emit = false });
        Assert.DoesNotContain(compiled.Diagnostics, d => d.IsError);
        Assert.Empty(compiled.Sources);

        // The records can also be built stage by stage, as the generator's pipeline does.
        var trains = ModelParser.Parse(file).Root.Declarations.OfType<TrainDeclarationSyntax>().ToList();
        var models = compiled.Models.ToDictionary(m => m.Name, m => (TrainingModel?)TrainingModelFactory.From(m));
        var (trainings, diagnostics) = TrainingChecker.CheckAll(trains, models);
        Assert.True(!diagnostics.Any(d => d.IsError), string.Join(Environment.NewLine, diagnostics));
        Assert.Equal(compiled.Trainings, trainings);
        return SourceEmitter.Emit(compiled.Models, trainings, CompilationOptions.Default);
    }

    private static SourceFile ReadTrainingModel([CallerFilePath] string testFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Models", "training.model");
        return new SourceFile(path, File.ReadAllText(path));
    }
}
