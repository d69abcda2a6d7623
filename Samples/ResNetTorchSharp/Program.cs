using System;

namespace ModelDsl.Samples.ResNet;

/// <summary>
/// Shows the metadata of the TorchSharp modules generated from ../ResNet/Models. Training needs the real TorchSharp
/// package (see the project file); the metadata members are constants, so this runs without it.
/// </summary>
public static class Program
{
    public static int Main()
    {
        Console.WriteLine(ResNet50.Summary);
        Console.WriteLine($"ResNet50 (TorchSharp backend): {ResNet50.TrainableParameters:N0} trainable, {ResNet50.NonTrainableParameters:N0} non-trainable parameters");
        Console.WriteLine(MnistDnn.Summary);
        return 0;
    }
}
