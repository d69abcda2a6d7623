using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ModelDsl.Runtime.Cpu;

namespace ModelDsl.Samples.ResNet;

/// <summary>
/// Uses the classes generated from Models/*.model: their static metadata (summary, shapes, parameter counts) and a
/// forward pass on the Cpu engine. <c>--resnet</c> also runs ResNet50 on one random 224×224 image.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine(MnistDnn.Summary);
        Console.WriteLine(ResNet50.Summary);
        Console.WriteLine($"ResNet50: {ResNet50.TrainableParameters:N0} trainable, {ResNet50.NonTrainableParameters:N0} non-trainable parameters");
        Console.WriteLine();

        var generator = new Generator(seed: 42);
        var mnist = new MnistDnn(generator);
        var images = RandomBatch(generator, 4, MnistDnn.InputShape);
        using (Autograd.NoGrad())
        {
            var probabilities = mnist.Forward(images);
            Print("MnistDnn", probabilities);
        }

        if (args.Contains("--resnet"))
        {
            var resnet = new ResNet50(generator);
            var watch = Stopwatch.StartNew();
            using (Autograd.NoGrad())
            {
                var probabilities = resnet.Forward(RandomBatch(generator, 1, ResNet50.InputShape));
                Print("ResNet50", probabilities);
            }

            Console.WriteLine($"ResNet50 forward on one image: {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        return 0;
    }

    private static Tensor RandomBatch(Generator generator, int batch, System.Collections.Generic.IReadOnlyList<long> exampleShape)
    {
        var shape = new[] { batch }.Concat(exampleShape.Select(dimension => (int)dimension)).ToArray();
        var data = new float[shape.Aggregate(1, (product, dimension) => product * dimension)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = generator.NextSingle();
        }

        return Tensor.FromArray(data, shape);
    }

    /// <summary>Each example's most likely class and the sum of its probabilities (1 after softmax).</summary>
    private static void Print(string model, Tensor probabilities)
    {
        var classes = probabilities.Shape[1];
        var values = probabilities.ToArray();
        for (var example = 0; example < probabilities.Shape[0]; example++)
        {
            var row = values.AsSpan(example * classes, classes).ToArray();
            var best = Array.IndexOf(row, row.Max());
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} example {1}: class {2} (p = {3:F3}, sum = {4:F3})", model, example, best, row[best], row.Sum()));
        }
    }
}
