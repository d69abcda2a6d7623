using static TorchSharp.torch;

namespace ModelDsl.Bench;

/// <summary>The <see cref="BenchModel"/> networks hand-written in TorchSharp (<c>nn.Sequential</c> of its layers).</summary>
internal static class TorchSharpNetworks
{
    public static nn.Module<Tensor, Tensor> Create(BenchModel model) => model switch
    {
        BenchModel.Dnn => nn.Sequential(
            ("flatten", nn.Flatten()),
            ("dense1", nn.Linear(784, 512)),
            ("relu1", nn.ReLU()),
            ("dense2", nn.Linear(512, 512)),
            ("relu2", nn.ReLU()),
            ("dense3", nn.Linear(512, 10))),
        BenchModel.Cnn => nn.Sequential(
            ("conv1", nn.Conv2d(1, 32, 3)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", nn.Conv2d(32, 64, 3)),
            ("relu2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(2)),
            ("conv3", nn.Conv2d(64, 64, 3)),
            ("relu3", nn.ReLU()),
            ("flatten", nn.Flatten()),
            ("dense1", nn.Linear(576, 64)),
            ("relu4", nn.ReLU()),
            ("dense2", nn.Linear(64, 10))),
        _ => nn.Sequential(
            ("stem", nn.Conv2d(1, 16, 3, padding: 1, bias: false)),
            ("stem_bn", nn.BatchNorm2d(16)),
            ("stem_relu", nn.ReLU()),
            ("stage1", new TorchSharpResidualBlock(16, 16, stride: 1)),
            ("stage2", new TorchSharpResidualBlock(16, 32, stride: 2)),
            ("stage3", new TorchSharpResidualBlock(32, 64, stride: 2)),
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("dense", nn.Linear(64, 10))),
    };

    /// <summary>ResNet-18 in torchvision's layout, as <see cref="CpuNetworks.ResNet18"/>.</summary>
    public static nn.Module<Tensor, Tensor> ResNet18() => nn.Sequential(
        ("conv1", nn.Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false)),
        ("bn1", nn.BatchNorm2d(64)),
        ("relu", nn.ReLU()),
        ("maxpool", nn.MaxPool2d(3, stride: 2, padding: 1)),
        ("layer1_0", new TorchSharpResidualBlock(64, 64, stride: 1)),
        ("layer1_1", new TorchSharpResidualBlock(64, 64, stride: 1)),
        ("layer2_0", new TorchSharpResidualBlock(64, 128, stride: 2)),
        ("layer2_1", new TorchSharpResidualBlock(128, 128, stride: 1)),
        ("layer3_0", new TorchSharpResidualBlock(128, 256, stride: 2)),
        ("layer3_1", new TorchSharpResidualBlock(256, 256, stride: 1)),
        ("layer4_0", new TorchSharpResidualBlock(256, 512, stride: 2)),
        ("layer4_1", new TorchSharpResidualBlock(512, 512, stride: 1)),
        ("avgpool", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(512, 1000)));
}
