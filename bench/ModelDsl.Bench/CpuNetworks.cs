using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Modules;

namespace ModelDsl.Bench;

/// <summary>The <see cref="BenchModel"/> networks on the Cpu engine.</summary>
internal static class CpuNetworks
{
    public static Module<Tensor, Tensor> Create(BenchModel model) => model switch
    {
        BenchModel.Dnn => new Sequential(
            ("flatten", new Flatten()),
            ("dense1", new Linear(784, 512)),
            ("relu1", new Activation(ActivationKind.Relu)),
            ("dense2", new Linear(512, 512)),
            ("relu2", new Activation(ActivationKind.Relu)),
            ("dense3", new Linear(512, 10))),
        BenchModel.Cnn => new Sequential(
            ("conv1", new Conv2d(1, 32, (3, 3))),
            ("relu1", new Activation(ActivationKind.Relu)),
            ("pool1", new MaxPool2d((2, 2))),
            ("conv2", new Conv2d(32, 64, (3, 3))),
            ("relu2", new Activation(ActivationKind.Relu)),
            ("pool2", new MaxPool2d((2, 2))),
            ("conv3", new Conv2d(64, 64, (3, 3))),
            ("relu3", new Activation(ActivationKind.Relu)),
            ("flatten", new Flatten()),
            ("dense1", new Linear(576, 64)),
            ("relu4", new Activation(ActivationKind.Relu)),
            ("dense2", new Linear(64, 10))),
        _ => new Sequential(
            ("stem", new Conv2d(1, 16, (3, 3), padding: Padding2d.Symmetric(1), bias: false)),
            ("stem_bn", new BatchNorm(16)),
            ("stem_relu", new Activation(ActivationKind.Relu)),
            ("stage1", new CpuResidualBlock(16, 16, stride: 1)),
            ("stage2", new CpuResidualBlock(16, 32, stride: 2)),
            ("stage3", new CpuResidualBlock(32, 64, stride: 2)),
            ("pool", new GlobalAvgPool2d()),
            ("flatten", new Flatten()),
            ("dense", new Linear(64, 10))),
    };

    /// <summary>ResNet-18 in torchvision's layout (7×7 stride-2 stem, max pool, 2-2-2-2 basic blocks, 1000 classes).</summary>
    public static Module<Tensor, Tensor> ResNet18() => new Sequential(
        ("conv1", new Conv2d(3, 64, (7, 7), (2, 2), Padding2d.Symmetric(3), bias: false)),
        ("bn1", new BatchNorm(64)),
        ("relu", new Activation(ActivationKind.Relu)),
        ("maxpool", new MaxPool2d((3, 3), (2, 2), Padding2d.Symmetric(1))),
        ("layer1_0", new CpuResidualBlock(64, 64, stride: 1)),
        ("layer1_1", new CpuResidualBlock(64, 64, stride: 1)),
        ("layer2_0", new CpuResidualBlock(64, 128, stride: 2)),
        ("layer2_1", new CpuResidualBlock(128, 128, stride: 1)),
        ("layer3_0", new CpuResidualBlock(128, 256, stride: 2)),
        ("layer3_1", new CpuResidualBlock(256, 256, stride: 1)),
        ("layer4_0", new CpuResidualBlock(256, 512, stride: 2)),
        ("layer4_1", new CpuResidualBlock(512, 512, stride: 1)),
        ("avgpool", new GlobalAvgPool2d()),
        ("fc", new Linear(512, 1000)));
}
