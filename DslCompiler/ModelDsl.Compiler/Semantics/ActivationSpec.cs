using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

/// <summary>An activation with its settings: <see cref="Slope"/> is the negative slope of <c>leaky_relu</c>
/// (0.01 unless given) and 0 for every other function.</summary>
public sealed record ActivationSpec(ActivationFunction Function, double Slope)
{
    public const double DefaultLeakySlope = 0.01;

    public static ActivationSpec Of(ActivationFunction function) =>
        new(function, function == ActivationFunction.LeakyRelu ? DefaultLeakySlope : 0);

    /// <summary>The name as written in a <c>.model</c> file (<c>log_softmax</c>).</summary>
    public string SourceName => Names.Of(Function);

    public override string ToString() =>
        Function == ActivationFunction.LeakyRelu && Slope != DefaultLeakySlope
            ? "leaky_relu(" + Slope.ToString("R", CultureInfo.InvariantCulture) + ")"
            : SourceName;

    /// <summary>The source names of the activation functions.</summary>
    public static class Names
    {
        public static string Of(ActivationFunction function) => function switch
        {
            ActivationFunction.Relu => "relu",
            ActivationFunction.Sigmoid => "sigmoid",
            ActivationFunction.Tanh => "tanh",
            ActivationFunction.Softmax => "softmax",
            ActivationFunction.LogSoftmax => "log_softmax",
            ActivationFunction.Gelu => "gelu",
            ActivationFunction.Elu => "elu",
            _ => "leaky_relu",
        };

        private static readonly System.Collections.Generic.Dictionary<string, ActivationFunction> ByName = BuildByName();

        public static bool TryParse(string name, out ActivationFunction function) => ByName.TryGetValue(name, out function);

        private static System.Collections.Generic.Dictionary<string, ActivationFunction> BuildByName()
        {
            var byName = new System.Collections.Generic.Dictionary<string, ActivationFunction>();
            foreach (ActivationFunction candidate in System.Enum.GetValues(typeof(ActivationFunction)))
            {
                byName[Of(candidate)] = candidate;
            }

            return byName;
        }
    }
}
