using System.Globalization;

namespace ModelDsl.Samples.FashionMnist;

/// <summary>The sample's command line: <c>--model dnn|cnn</c>, <c>--epochs N</c>, <c>--data DIR</c>.</summary>
internal sealed record Options(string Model, int? Epochs, string? DataDirectory)
{
    public static bool TryParse(string[] args, out Options options, out string problem)
    {
        options = new Options("dnn", null, null);
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--model" when value is "dnn" or "cnn":
                    options = options with { Model = value };
                    i++;
                    break;
                case "--epochs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochs) && epochs > 0:
                    options = options with { Epochs = epochs };
                    i++;
                    break;
                case "--data" when value is not null:
                    options = options with { DataDirectory = value };
                    i++;
                    break;
                case "--model":
                    problem = "--model takes dnn or cnn";
                    return false;
                case "--epochs":
                    problem = "--epochs takes a positive whole number";
                    return false;
                default:
                    problem = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}
