using System.Linq;
using System.Threading;
using ModelDsl.Compiler.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>Train declarations through the whole compiler: the model view comes from shape inference
/// (<see cref="TrainingModelFactory"/>), so final activations, shapes and module names are the real ones.</summary>
public sealed class TrainingCompilationTests
{
    private static CompilationResult Compile(string source) =>
        ModelCompiler.Compile(new[] { new SourceFile("Models/net.model", source) }, CompilationOptions.Default with { Emit = false }, CancellationToken.None);

    [Fact]
    public void The_spec_mnist_model_and_training_compile_without_diagnostics()
    {
        var source = """
            model MnistDnn {
                input image: float[1, 28, 28]
                flatten()
                dense(512, activation: relu)
                dense(512, activation: relu)
                dense(10, activation: softmax)
            }

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
        var result = Compile(source);
        Assert.Empty(result.Diagnostics);
        var training = Assert.Single(result.Trainings);
        var loss = Assert.Single(training.Losses);
        Assert.Equal("softmax", loss.FinalActivation);
        Assert.True(loss.FromPreActivation);
        Assert.Equal(10, loss.ClassCount);
        Assert.Equal(669_706, training.Stages[0].TrainableParameterCount);
        Assert.Equal("Models", training.SourceDirectory);
    }

    [Fact]
    public void Freeze_resolves_against_the_real_module_tree()
    {
        var source = """
            model Small {
                input image: float[1, 28, 28]
                stem { conv2d(8, kernel: 3, bias: false) batchnorm() relu() }
                learner { conv2d(16, kernel: 3) as body  relu() }
                task { global_avgpool2d() dense(10) }
            }
            train Small {
                loss: sparse_categorical_crossentropy
                optimizer: adam
                freeze: [stem, learner.body]
            }
            train Small as Tuned {
                loss: categorical_crossentropy
                optimizer: sgd(0.1)
                freeze: [learner.conv2d_0]
            }
            """;
        var result = Compile(source);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MD4011", error.Id);
        Assert.Equal(15, error.Span.Line);
        Assert.EndsWith("but found 'learner.conv2d_0'; learner has body, relu_0", error.Message, System.StringComparison.Ordinal);

        var training = Assert.Single(result.Trainings);
        var stage = training.Stages[0];
        Assert.Equal(new[] { "stem", "learner.body" }, stage.Freeze);

        // stem: 72 conv weights + 16 batchnorm scale/shift; learner.body: 8·9·16 + 16; batchnorm statistics: 16.
        Assert.Equal(88 + 1_168, stage.FrozenParameterCount);
        Assert.Equal(170, stage.TrainableParameterCount);
        Assert.Equal(16 + 88 + 1_168, stage.NonTrainableParameterCount);

        // No final activation: the output is logits and the loss reads it directly.
        Assert.Null(training.Losses[0].FinalActivation);
        Assert.False(training.Losses[0].FromPreActivation);
        Assert.Equal(LossFormula.SoftmaxCrossEntropy, training.Losses[0].Formula);
    }

    [Fact]
    public void Multi_output_models_train_with_a_loss_map()
    {
        var source = """
            model AgeAndGender {
                input measures: float[3]
                dense(10, activation: relu)
                dense(10, activation: relu)
                let trunk = x
                output age    = trunk |> dense(5, activation: softmax)
                output gender = trunk |> dense(1, activation: sigmoid)
            }
            train AgeAndGender {
                loss: { age: categorical_crossentropy, gender: binary_crossentropy }
                loss_weights: { age: 2 }
                optimizer: adam
                metrics: [accuracy]
                validation_split: 0.2
                early_stopping(monitor: val_gender_accuracy)
            }
            """;
        var result = Compile(source);
        Assert.Empty(result.Diagnostics);
        var training = Assert.Single(result.Trainings);
        Assert.Equal(new[] { "age", "gender" }, training.Losses.Select(l => l.OutputName));
        Assert.Equal(new[] { LossFormula.SoftmaxCrossEntropy, LossFormula.BinaryCrossEntropyWithLogits }, training.Losses.Select(l => l.Formula));
        Assert.All(training.Losses, l => Assert.True(l.FromPreActivation));
        Assert.Equal(new[] { 2.0, 1.0 }, training.Losses.Select(l => l.Weight));
        Assert.Equal(new[] { "loss", "age_loss", "gender_loss", "age_accuracy", "gender_accuracy" }, training.HistoryKeys);
        Assert.Equal(MonitorMode.Max, training.Stages[0].EarlyStopping!.Monitor.Mode);
    }

    [Fact]
    public void A_train_of_a_model_with_errors_reports_only_its_own_mistakes()
    {
        var source = """
            model Broken {
                input image: float[1, 28, 28]
                dense(10)
            }
            train Broken {
                loss: sparse_categorical_crossentropy
                optimizer: adamm
                freeze: [anything]
            }
            """;
        var result = Compile(source);
        Assert.Empty(result.Trainings);
        var ids = result.Diagnostics.Select(d => d.Id).ToList();
        Assert.Contains("MD2103", ids);
        Assert.DoesNotContain("MD4011", ids);
        Assert.DoesNotContain("MD2101", ids);
    }
}
