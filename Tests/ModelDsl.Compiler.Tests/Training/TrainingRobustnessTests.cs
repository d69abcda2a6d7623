using System;
using System.Linq;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>Bad input never crashes the training checker: mutated declarations (tokens dropped, swapped or replaced)
/// are checked against every test model and must come back as diagnostics.</summary>
public sealed class TrainingRobustnessTests
{
    private const string Seed = """
        train ResNet50 as Finetune {
            loss: { age: categorical_crossentropy, gender: sparse_categorical_crossentropy }
            loss_weights: { gender: 0.5 }
            optimizer: sgd(0.1, momentum: 0.9, nesterov: true)
            schedule: warmup(2, then: cosine(min_lr: 1e-4), per: step)
            metrics: [accuracy, top_k(3), precision]
            epochs: 10
            batch_size: 32
            steps_per_epoch: 100
            validation_split: 0.1
            seed: 7
            freeze: [stem, learner.residual_group_0]
            early_stopping(monitor: val_loss, patience: 3, min_delta: 0.0, mode: auto, restore_best: true)
            checkpoint(path: "ckpt/{epoch:02}-{monitor:.3f}.ckpt", monitor: val_accuracy, save_best_only: true, every: 1)
            stage head { epochs: 5, freeze: [stem, learner] }
            stage tune { epochs: 2, optimizer: rmsprop(lr: 1e-5), freeze: [] }
            data {
                train: folder("data/train", size: (224, 224), color: rgb)
                validation: csv("labels.csv", path: location, label: label)
                normalize: mean_std([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
                augment { flip(horizontal: true) rotate(degrees: 15) zoom(0.9, 1.1) }
            }
        }
        """;

    private static readonly string[] Replacements =
    {
        "0", "-1", "1e9", "2.5", "\"x\"", "true", "[]", "{ }", "( 1, 2 )", "val_loss", "loss", "age", "stem.nothing", "adam", "top_k(0)", "{epoch}", "x.y.z",
    };

    [Fact]
    public void Mutated_declarations_never_throw()
    {
        var random = new Random(1234);
        var tokens = Seed.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        var models = new[] { TestModels.ResNet(), TestModels.AgeAndGender(), TestModels.Regressor(), TestModels.MnistDnn() };
        var checkedCount = 0;
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var mutated = tokens.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(mutated.Count);
                switch (random.Next(3))
                {
                    case 0:
                        mutated.RemoveAt(at);
                        break;
                    case 1:
                        mutated[at] = Replacements[random.Next(Replacements.Length)] + (mutated[at].EndsWith(',') ? "," : string.Empty);
                        break;
                    default:
                        var other = random.Next(mutated.Count);
                        (mutated[at], mutated[other]) = (mutated[other], mutated[at]);
                        break;
                }
            }

            var source = string.Join(" ", mutated).Replace("{ ", "{\n", StringComparison.Ordinal);
            var parsed = ModelParser.Parse(new SourceFile("fuzz.model", source));
            foreach (var train in parsed.Root.Declarations.OfType<TrainDeclarationSyntax>())
            {
                foreach (var model in models)
                {
                    var view = model with { Name = train.Model.Name };
                    var result = TrainingChecker.Check(train, view, new[] { view.Name });
                    Assert.True(result.Training is not null || result.Diagnostics.Any(d => d.IsError) || train.HasErrors, source);
                    checkedCount++;
                }
            }
        }

        // The parser recovers inside train bodies, so most mutants reach the checker.
        Assert.True(checkedCount > 400, $"only {checkedCount} checks ran");
    }
}
