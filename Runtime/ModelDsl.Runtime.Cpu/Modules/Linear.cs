namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>Fully connected layer (<c>dense</c>): y = x·Wᵀ + b, weight [out, in] as PyTorch.</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's default initialisation, or with <paramref name="weightInit"/> and
    /// <paramref name="biasInit"/> where given.</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null, Initializer? weightInit = null, Initializer? biasInit = null)
    {
        var rng = generator ?? CpuEngine.DefaultGenerator;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        if (weightInit is null)
        {
            Init.KaimingUniformDefault(Weight, inFeatures, rng);
        }
        else
        {
            weightInit.Fill(Weight, inFeatures, outFeatures, rng);
        }

        if (bias)
        {
            Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
            if (biasInit is null)
            {
                Init.Uniform(Bias, Init.BoundFor(inFeatures), rng);
            }
            else
            {
                biasInit.Fill(Bias, rng);
            }
        }
    }

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features (units).</summary>
    public int OutFeatures { get; }

    /// <summary>[out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
