using System;
using System.IO;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Bench;

/// <summary>
/// Fashion-MNIST as the bench's engines see it: pixels scaled to [0, 1], one image after another. The ResNet-style
/// workload takes 32×32 inputs, so its images are zero-padded by two pixels on every side.
/// </summary>
internal sealed record BenchData(float[] Images, int[] Labels, int Side)
{
    public const int MnistSide = 28;

    /// <summary>Untimed training steps every TorchSharp engine runs on a throwaway model before the measured run.</summary>
    public const int WarmupSteps = 5;

    public int Count => Labels.Length;

    public int Pixels => Side * Side;

    /// <summary>The first <paramref name="limit"/> examples of a split (train or t10k), read with the runtime's IDX reader.</summary>
    public static BenchData Load(string directory, string split, int limit, int side)
    {
        var images = IdxReader.Read(Find(directory, $"{split}-images-idx3-ubyte"));
        var labels = IdxReader.Read(Find(directory, $"{split}-labels-idx1-ubyte")).ToLabels();
        const int Source = MnistSide * MnistSide;
        if (images.Count != labels.Length || images.Values.Length != images.Count * Source)
        {
            throw new BenchUsageException($"{directory}: {split} images and labels do not match 28×28 Fashion-MNIST.");
        }

        var count = Math.Min(limit, labels.Length);
        var margin = (side - MnistSide) / 2;
        var values = new float[count * side * side];
        for (var i = 0; i < count; i++)
        {
            for (var y = 0; y < MnistSide; y++)
            {
                var from = images.Values.AsSpan((i * Source) + (y * MnistSide), MnistSide);
                var to = values.AsSpan((i * side * side) + ((y + margin) * side) + margin, MnistSide);
                for (var x = 0; x < MnistSide; x++)
                {
                    to[x] = from[x] / 255f;
                }
            }
        }

        return new BenchData(values, labels.AsSpan(0, count).ToArray(), side);
    }

    private static string Find(string directory, string stem)
    {
        foreach (var name in new[] { stem, stem + ".gz" })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new BenchUsageException($"{Path.Combine(directory, stem)}[.gz] not found (install dataset-fashion-mnist).");
    }
}
