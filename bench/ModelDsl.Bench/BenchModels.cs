namespace ModelDsl.Bench;

/// <summary>Names of <see cref="BenchModel"/> on the command line and the input side each one takes.</summary>
internal static class BenchModels
{
    public static BenchModel Parse(string name) => name switch
    {
        "dnn" => BenchModel.Dnn,
        "cnn" => BenchModel.Cnn,
        "resnet" => BenchModel.ResNet,
        _ => throw new BenchUsageException($"--model must be dnn, cnn or resnet, got '{name}'."),
    };

    public static string Name(BenchModel model) => model switch
    {
        BenchModel.Dnn => "dnn",
        BenchModel.Cnn => "cnn",
        _ => "resnet",
    };

    /// <summary>28 for the Fashion-MNIST networks, 32 for the ResNet-style one (images zero-padded by 2).</summary>
    public static int Side(BenchModel model) => model == BenchModel.ResNet ? 32 : BenchData.MnistSide;
}
