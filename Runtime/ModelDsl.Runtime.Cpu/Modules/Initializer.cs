using System;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>
/// A weight initialiser in Keras' terms (<c>kernel_initializer:</c>/<c>bias_initializer:</c> of a <c>.model</c> file),
/// drawn from a seeded <see cref="Generator"/>. Fans follow PyTorch and Keras: a [out, in] weight has fan_in = in and
/// fan_out = out; a [out, in, kh, kw] weight multiplies both by kh·kw; a vector of length n has fan_in = fan_out = n.
/// The variance-scaling normals are truncated at two standard deviations with σ corrected so the variance is the
/// formula's (Keras' truncated_normal), so glorot_normal has variance 2 / (fan_in + fan_out) and bounds ±2σ.
/// </summary>
public sealed record Initializer(InitializerKind Kind, float Value = 0)
{
    /// <summary>The standard deviation of N(0, 1) truncated at ±2 (Keras' correction).</summary>
    public const double TruncatedNormalStd = 0.87962566103423978;

    /// <summary>U(±√(6 / (fan_in + fan_out))).</summary>
    public static Initializer GlorotUniform { get; } = new(InitializerKind.GlorotUniform);

    /// <summary>Truncated normal with variance 2 / (fan_in + fan_out).</summary>
    public static Initializer GlorotNormal { get; } = new(InitializerKind.GlorotNormal);

    /// <summary>U(±√(6 / fan_in)).</summary>
    public static Initializer HeUniform { get; } = new(InitializerKind.HeUniform);

    /// <summary>Truncated normal with variance 2 / fan_in.</summary>
    public static Initializer HeNormal { get; } = new(InitializerKind.HeNormal);

    /// <summary>U(±√(3 / fan_in)).</summary>
    public static Initializer LecunUniform { get; } = new(InitializerKind.LecunUniform);

    /// <summary>Truncated normal with variance 1 / fan_in.</summary>
    public static Initializer LecunNormal { get; } = new(InitializerKind.LecunNormal);

    /// <summary>Every value 0.</summary>
    public static Initializer Zeros { get; } = new(InitializerKind.Zeros);

    /// <summary>Every value 1.</summary>
    public static Initializer Ones { get; } = new(InitializerKind.Ones);

    /// <summary>Every value <paramref name="value"/>.</summary>
    public static Initializer Constant(float value) => new(InitializerKind.Constant, value);

    /// <summary>N(0, scale²).</summary>
    public static Initializer Normal(float scale) => new(InitializerKind.Normal, scale);

    /// <summary>U(±scale).</summary>
    public static Initializer Uniform(float scale) => new(InitializerKind.Uniform, scale);

    /// <summary>The fans of a tensor shape: [n] → (n, n); [out, in, k…] → (in·Πk, out·Πk).</summary>
    public static (int FanIn, int FanOut) Fans(System.Collections.Generic.IReadOnlyList<int> shape)
    {
        if (shape.Count == 0)
        {
            return (1, 1);
        }

        if (shape.Count == 1)
        {
            return (shape[0], shape[0]);
        }

        var receptive = 1;
        for (var i = 2; i < shape.Count; i++)
        {
            receptive *= shape[i];
        }

        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>Fills <paramref name="tensor"/> in place, with the fans of its own shape.</summary>
    public void Fill(Tensor tensor, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var (fanIn, fanOut) = Fans(tensor.Shape);
        Fill(tensor, fanIn, fanOut, generator);
    }

    /// <summary>Fills <paramref name="tensor"/> in place with the given fans.</summary>
    public void Fill(Tensor tensor, int fanIn, int fanOut, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(generator);
        static float Scaled(double scale, int fan) => fan > 0 ? (float)Math.Sqrt(scale / fan) : 0f;
        var data = tensor.Data;
        switch (Kind)
        {
            case InitializerKind.GlorotUniform:
                Init.Uniform(tensor, Scaled(6, fanIn + fanOut), generator);
                break;
            case InitializerKind.HeUniform:
                Init.Uniform(tensor, Scaled(6, fanIn), generator);
                break;
            case InitializerKind.LecunUniform:
                Init.Uniform(tensor, Scaled(3, fanIn), generator);
                break;
            case InitializerKind.Uniform:
                Init.Uniform(tensor, Value, generator);
                break;
            case InitializerKind.GlorotNormal:
                TruncatedNormal(data, Scaled(2, fanIn + fanOut) / (float)TruncatedNormalStd, generator);
                break;
            case InitializerKind.HeNormal:
                TruncatedNormal(data, Scaled(2, fanIn) / (float)TruncatedNormalStd, generator);
                break;
            case InitializerKind.LecunNormal:
                TruncatedNormal(data, Scaled(1, fanIn) / (float)TruncatedNormalStd, generator);
                break;
            case InitializerKind.Normal:
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = Value * generator.Normal();
                }

                break;
            default:
                data.Fill(Kind switch { InitializerKind.Zeros => 0f, InitializerKind.Ones => 1f, _ => Value });
                break;
        }
    }

    // N(0, σ²) restricted to ±2σ by rejection (as TensorFlow's truncated_normal).
    private static void TruncatedNormal(Span<float> data, float sigma, Generator generator)
    {
        for (var i = 0; i < data.Length; i++)
        {
            float z;
            do
            {
                z = generator.Normal();
            }
            while (z < -2f || z > 2f);
            data[i] = sigma * z;
        }
    }
}
