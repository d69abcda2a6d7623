using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;

namespace ModelDsl.Bench;

/// <summary>
/// Basic ResNet block on the Cpu engine: conv3×3-bn-relu-conv3×3-bn plus the shortcut (identity, or a 1×1 strided
/// convolution with batch norm when the shape changes), then ReLU. Convolutions before batch norm have no bias.
/// </summary>
internal sealed class CpuResidualBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm _bn2;
    private readonly Conv2d? _shortcut;
    private readonly BatchNorm? _shortcutBn;

    public CpuResidualBlock(int inChannels, int outChannels, int stride)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, (3, 3), (stride, stride), Padding2d.Symmetric(1), bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm(outChannels));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, (3, 3), padding: Padding2d.Symmetric(1), bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm(outChannels));
        if (stride != 1 || inChannels != outChannels)
        {
            _shortcut = RegisterModule("shortcut", new Conv2d(inChannels, outChannels, (1, 1), (stride, stride), bias: false));
            _shortcutBn = RegisterModule("shortcut_bn", new BatchNorm(outChannels));
        }
    }

    public override Tensor Forward(Tensor input)
    {
        var x = Functional.Relu(_bn1.Forward(_conv1.Forward(input)));
        x = _bn2.Forward(_conv2.Forward(x));
        var shortcut = _shortcut is null ? input : _shortcutBn!.Forward(_shortcut.Forward(input));
        return Functional.Relu(Functional.Add(x, shortcut));
    }
}
