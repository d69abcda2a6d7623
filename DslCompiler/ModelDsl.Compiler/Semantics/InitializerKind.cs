namespace ModelDsl.Compiler.Semantics;

/// <summary>The weight initialisers of <c>kernel_initializer:</c> and <c>bias_initializer:</c> (Keras names).</summary>
public enum InitializerKind
{
    /// <summary>U(±√(6 / (fan_in + fan_out))).</summary>
    GlorotUniform,

    /// <summary>Normal with variance 2 / (fan_in + fan_out), truncated at two standard deviations (as Keras).</summary>
    GlorotNormal,

    /// <summary>U(±√(6 / fan_in)).</summary>
    HeUniform,

    /// <summary>Normal with variance 2 / fan_in, truncated at two standard deviations.</summary>
    HeNormal,

    /// <summary>U(±√(3 / fan_in)).</summary>
    LecunUniform,

    /// <summary>Normal with variance 1 / fan_in, truncated at two standard deviations.</summary>
    LecunNormal,

    /// <summary>Every value 0.</summary>
    Zeros,

    /// <summary>Every value 1.</summary>
    Ones,

    /// <summary>Every value <see cref="InitializerSpec.Value"/>.</summary>
    Constant,

    /// <summary>N(0, scale²) with scale = <see cref="InitializerSpec.Value"/> (Keras' RandomNormal, default 0.05).</summary>
    Normal,

    /// <summary>U(±scale) with scale = <see cref="InitializerSpec.Value"/> (Keras' RandomUniform, default 0.05).</summary>
    Uniform,
}
