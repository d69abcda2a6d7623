namespace ModelDsl.Compiler.Semantics;

/// <summary>What an initialiser draws for one tensor: <see cref="Parameter"/> is the uniform bound, the normal's σ
/// (the truncated normal is cut at ±2σ) or the constant.</summary>
public sealed record InitializerDistribution(InitializerShape Shape, double Parameter)
{
    public static InitializerDistribution UniformOf(double bound) => new(InitializerShape.Uniform, bound);

    public static InitializerDistribution TruncatedOf(double sigma) => new(InitializerShape.TruncatedNormal, sigma);
}
