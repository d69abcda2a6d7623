using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Bench;

/// <summary>
/// <see cref="CpuResidualBlock"/> written the way a TorchSharp user would: a <c>Module</c> whose layers are fields
/// registered by <c>RegisterComponents</c>.
/// </summary>
internal sealed class TorchSharpResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d? shortcut;
    private readonly BatchNorm2d? shortcut_bn;

    public TorchSharpResidualBlock(long inChannels, long outChannels, long stride)
        : base(nameof(TorchSharpResidualBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
            shortcut_bn = nn.BatchNorm2d(outChannels);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(bn1.call(conv1.call(input)));
        x = bn2.call(conv2.call(x));
        var identity = shortcut is null ? input : shortcut_bn!.call(shortcut.call(input));
        return nn.functional.relu(x + identity).MoveToOuterDisposeScope();
    }
}
