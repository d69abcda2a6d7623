using System;

namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>2-D convolution over [N, C, H, W]; weight [out, in/groups, kh, kw] as PyTorch.</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's default initialisation, or with <paramref name="weightInit"/> and
    /// <paramref name="biasInit"/> where given.</summary>
    public Conv2d(
        int inChannels,
        int outChannels,
        (int H, int W) kernel,
        (int H, int W)? stride = null,
        Padding2d padding = default,
        (int H, int W)? dilation = null,
        int groups = 1,
        bool bias = true,
        Generator? generator = null,
        Initializer? weightInit = null,
        Initializer? biasInit = null)
    {
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"conv2d: {inChannels} input channels and {outChannels} filters must both be divisible by groups = {groups}");
        }

        var rng = generator ?? CpuEngine.DefaultGenerator;
        Kernel = kernel;
        Stride = stride ?? (1, 1);
        Padding = padding;
        Dilation = dilation ?? (1, 1);
        Groups = groups;
        var fanIn = inChannels / groups * kernel.H * kernel.W;
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels / groups, kernel.H, kernel.W));
        if (weightInit is null)
        {
            Init.KaimingUniformDefault(Weight, fanIn, rng);
        }
        else
        {
            weightInit.Fill(Weight, rng);
        }

        if (bias)
        {
            Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
            if (biasInit is null)
            {
                Init.Uniform(Bias, Init.BoundFor(fanIn), rng);
            }
            else
            {
                biasInit.Fill(Bias, rng);
            }
        }
    }

    /// <summary>Kernel size.</summary>
    public (int H, int W) Kernel { get; }

    /// <summary>Stride.</summary>
    public (int H, int W) Stride { get; }

    /// <summary>Padding (explicit or same).</summary>
    public Padding2d Padding { get; }

    /// <summary>Dilation.</summary>
    public (int H, int W) Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>[out, in/groups, kh, kw].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
