using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Training;
using Xunit;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>The catalog is data; these tests keep it self-consistent.</summary>
public sealed class TrainingCatalogTests
{
    private static IEnumerable<CallSpec> AllSpecs() =>
        TrainingCatalog.Optimizers.Values.Select(e => e.Spec)
            .Concat(TrainingCatalog.Schedules.Values.Select(e => e.Spec))
            .Concat(TrainingCatalog.Metrics.Values.Select(e => e.Spec))
            .Concat(TrainingCatalog.Callbacks.Values)
            .Concat(TrainingCatalog.DataSources.Values.Select(e => e.Spec))
            .Concat(TrainingCatalog.Normalizations.Values.Select(e => e.Spec))
            .Concat(TrainingCatalog.Augmentations.Values.Select(e => e.Spec));

    [Fact]
    public void Defaults_lie_in_their_ranges_and_fit_their_types()
    {
        foreach (var spec in AllSpecs())
        {
            Assert.Equal(spec.Parameters.Count, spec.Parameters.Select(p => p.Name).Distinct().Count());
            foreach (var parameter in spec.Parameters)
            {
                Assert.False(parameter.Required && parameter.Default is not null, spec.Name + "." + parameter.Name);
                switch (parameter.Default)
                {
                    case NumberValue number:
                        Assert.True(parameter.Type is ParameterType.Number or ParameterType.Integer, spec.Name + "." + parameter.Name);
                        Assert.True(parameter.InRange(number.Value), $"{spec.Name}.{parameter.Name} = {number.Value} is not {parameter.RangeText()}");
                        break;
                    case BooleanValue:
                        Assert.Equal(ParameterType.Boolean, parameter.Type);
                        break;
                    case SymbolValue symbol when parameter.Type == ParameterType.Choice:
                        Assert.Contains(symbol.Value, parameter.Choices);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Every_optimizer_takes_a_learning_rate_first()
    {
        Assert.All(TrainingCatalog.Optimizers.Values, entry => Assert.Equal("lr", entry.Spec.Parameters[0].Name));
        Assert.Equal(8, TrainingCatalog.Optimizers.Count);
    }

    [Fact]
    public void Stage_settings_are_settings()
    {
        Assert.All(TrainingCatalog.StageSettings, setting => Assert.Contains(setting, TrainingCatalog.Settings));
    }

    [Theory]
    [InlineData("momentum", "in [0, 1)")]
    [InlineData("lr", "> 0")]
    [InlineData("weight_decay", "≥ 0")]
    public void Ranges_read_as_words(string parameter, string text) =>
        Assert.Equal(text, TrainingCatalog.Optimizers["sgd"].Spec.Find(parameter)!.RangeText());
}
