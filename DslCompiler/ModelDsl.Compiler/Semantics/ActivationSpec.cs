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
    public string SourceName => ActivationNames.Of(Function);

    public override string ToString() =>
        Function == ActivationFunction.LeakyRelu && Slope != DefaultLeakySlope
            ? "leaky_relu(" + Slope.ToString("R", CultureInfo.InvariantCulture) + ")"
            : SourceName;
}
