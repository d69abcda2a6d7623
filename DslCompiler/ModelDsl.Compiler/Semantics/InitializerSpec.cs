using System;
using System.Collections.Generic;
using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// One initialiser as written (<c>glorot_uniform</c>, <c>constant(0.1)</c>, <c>normal(scale: 0.02)</c>).
/// <see cref="Value"/> is the constant of <c>constant</c> and the scale of <c>normal</c>/<c>uniform</c>, 0 otherwise.
/// Fans follow PyTorch and Keras alike: a dense weight [out, in] has fan_in = in and fan_out = out; a convolution
/// weight [out, in / groups, kh, kw] has fan_in = in / groups · kh · kw and fan_out = out · kh · kw; a bias of length n
/// has fan_in = fan_out = n (Keras' rule for vectors).
/// </summary>
public sealed record InitializerSpec(InitializerKind Kind, double Value = 0)
{
    /// <summary>The scale of <c>normal</c> and <c>uniform</c> when none is given (Keras' RandomNormal/RandomUniform).</summary>
    public const double DefaultScale = 0.05;

    /// <summary>Keras' correction for a normal truncated at ±2σ: the standard deviation of N(0, 1) cut at ±2.</summary>
    public const double TruncatedNormalStd = 0.87962566103423978;

    public static readonly InitializerSpec GlorotUniform = new(InitializerKind.GlorotUniform);

    public static readonly InitializerSpec Zeros = new(InitializerKind.Zeros);

    private static readonly Dictionary<string, InitializerKind> ByName = new(StringComparer.Ordinal)
    {
        ["glorot_uniform"] = InitializerKind.GlorotUniform,
        ["glorot_normal"] = InitializerKind.GlorotNormal,
        ["he_uniform"] = InitializerKind.HeUniform,
        ["he_normal"] = InitializerKind.HeNormal,
        ["lecun_uniform"] = InitializerKind.LecunUniform,
        ["lecun_normal"] = InitializerKind.LecunNormal,
        ["zeros"] = InitializerKind.Zeros,
        ["ones"] = InitializerKind.Ones,
        ["constant"] = InitializerKind.Constant,
        ["normal"] = InitializerKind.Normal,
        ["uniform"] = InitializerKind.Uniform,
    };

    /// <summary>The names a <c>.model</c> file may write.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out InitializerKind kind) => ByName.TryGetValue(name, out kind);

    /// <summary>The name as written in a <c>.model</c> file.</summary>
    public string SourceName => Kind switch
    {
        InitializerKind.GlorotUniform => "glorot_uniform",
        InitializerKind.GlorotNormal => "glorot_normal",
        InitializerKind.HeUniform => "he_uniform",
        InitializerKind.HeNormal => "he_normal",
        InitializerKind.LecunUniform => "lecun_uniform",
        InitializerKind.LecunNormal => "lecun_normal",
        InitializerKind.Zeros => "zeros",
        InitializerKind.Ones => "ones",
        InitializerKind.Constant => "constant",
        InitializerKind.Normal => "normal",
        _ => "uniform",
    };

    /// <summary>
    /// The distribution this initialiser draws from for a tensor with the given fans, which is what the emitters write
    /// (the numbers are known at build time): a uniform U(−bound, bound), a normal N(0, σ²) (truncated at ±2σ for the
    /// variance-scaling normals, with σ corrected so the variance is the formula's), or a constant.
    /// </summary>
    public InitializerDistribution Distribution(long fanIn, long fanOut)
    {
        double Scaled(double scale, long fan) => fan > 0 ? Math.Sqrt(scale / fan) : 0;
        return Kind switch
        {
            InitializerKind.GlorotUniform => InitializerDistribution.UniformOf(Scaled(6, fanIn + fanOut)),
            InitializerKind.HeUniform => InitializerDistribution.UniformOf(Scaled(6, fanIn)),
            InitializerKind.LecunUniform => InitializerDistribution.UniformOf(Scaled(3, fanIn)),
            InitializerKind.GlorotNormal => InitializerDistribution.TruncatedOf(Scaled(2, fanIn + fanOut) / TruncatedNormalStd),
            InitializerKind.HeNormal => InitializerDistribution.TruncatedOf(Scaled(2, fanIn) / TruncatedNormalStd),
            InitializerKind.LecunNormal => InitializerDistribution.TruncatedOf(Scaled(1, fanIn) / TruncatedNormalStd),
            InitializerKind.Normal => new InitializerDistribution(InitializerShape.Normal, Value),
            InitializerKind.Uniform => InitializerDistribution.UniformOf(Value),
            InitializerKind.Zeros => new InitializerDistribution(InitializerShape.Constant, 0),
            InitializerKind.Ones => new InitializerDistribution(InitializerShape.Constant, 1),
            _ => new InitializerDistribution(InitializerShape.Constant, Value),
        };
    }

    public override string ToString() => Kind switch
    {
        InitializerKind.Constant => "constant(" + Value.ToString("R", CultureInfo.InvariantCulture) + ")",
        InitializerKind.Normal or InitializerKind.Uniform => SourceName + "(scale: " + Value.ToString("R", CultureInfo.InvariantCulture) + ")",
        _ => SourceName,
    };
}
