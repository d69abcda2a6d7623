namespace ModelDsl.Compiler.Training;

/// <summary>The input normalisations of <c>data { normalize: … }</c>.</summary>
public enum NormalizationKind
{
    /// <summary>x / divisor.</summary>
    Scale,

    /// <summary>Maps the source range [0, 255] linearly onto [min, max].</summary>
    Range,

    /// <summary>Per-channel mean and standard deviation computed over the training data.</summary>
    Standardize,

    /// <summary>(x / 255 − mean[c]) / std[c] with the given per-channel values.</summary>
    MeanStd,
}
