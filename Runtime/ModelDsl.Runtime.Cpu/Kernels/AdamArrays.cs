namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>The arrays one Adam update reads and writes (pinned by the caller).</summary>
internal readonly unsafe struct AdamArrays
{
    public AdamArrays(float* parameter, float* gradient, float* firstMoment, float* secondMoment, float* maxSecondMoment)
    {
        Parameter = parameter;
        Gradient = gradient;
        FirstMoment = firstMoment;
        SecondMoment = secondMoment;
        MaxSecondMoment = maxSecondMoment;
    }

    public float* Parameter { get; }

    public float* Gradient { get; }

    public float* FirstMoment { get; }

    public float* SecondMoment { get; }

    /// <summary>AMSGrad's running maximum of the second moment, or null.</summary>
    public float* MaxSecondMoment { get; }
}
