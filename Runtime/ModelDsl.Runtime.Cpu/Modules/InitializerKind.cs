namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>The initialisers of <see cref="Initializer"/> (Keras' names).</summary>
public enum InitializerKind
{
    /// <summary>glorot_uniform.</summary>
    GlorotUniform,

    /// <summary>glorot_normal (truncated).</summary>
    GlorotNormal,

    /// <summary>he_uniform.</summary>
    HeUniform,

    /// <summary>he_normal (truncated).</summary>
    HeNormal,

    /// <summary>lecun_uniform.</summary>
    LecunUniform,

    /// <summary>lecun_normal (truncated).</summary>
    LecunNormal,

    /// <summary>zeros.</summary>
    Zeros,

    /// <summary>ones.</summary>
    Ones,

    /// <summary>constant(value).</summary>
    Constant,

    /// <summary>normal(scale).</summary>
    Normal,

    /// <summary>uniform(scale).</summary>
    Uniform,
}
