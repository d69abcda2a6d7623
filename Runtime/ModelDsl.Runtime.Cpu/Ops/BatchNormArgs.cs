namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// The arrays and sizes of one batch-norm pass. Forward: <see cref="Source"/> is x, <see cref="Output"/> y.
/// Backward: <see cref="Source"/> is the output gradient, the gradients are the targets (each may be null).
/// </summary>
internal readonly record struct BatchNormArgs(
    float[] Source,
    float[]? Output,
    float[]? Xhat,
    float[] InvStd,
    float[] RunningMean,
    float[] RunningVar,
    float[]? Weight,
    float[]? Bias,
    float[]? InputGrad,
    float[]? WeightGrad,
    float[]? BiasGrad,
    int N,
    int C,
    int Inner,
    bool Training,
    float Momentum,
    float Eps);
