using System;
using ModelDsl.Runtime.Data;

namespace ModelDsl.EndToEnd.Tests;

/// <summary>Seeded synthetic data sets small enough to train in a second.</summary>
internal static class Synthetic
{
    private static readonly float[][] Centres = { new[] { -2f, 0f }, new[] { 2f, 0f }, new[] { 0f, 2.5f } };

    /// <summary>Points around three centres, labelled by centre.</summary>
    public static (float[] Points, int[] Labels) Blobs(int count, int seed)
    {
        var random = new Random(seed);
        var points = new float[count * 2];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 3;
            labels[i] = label;
            points[2 * i] = Centres[label][0] + (float)Gaussian(random) * 0.6f;
            points[(2 * i) + 1] = Centres[label][1] + (float)Gaussian(random) * 0.6f;
        }

        return (points, labels);
    }

    public static Dataset BlobDataset(int count, int seed)
    {
        var (points, labels) = Blobs(count, seed);
        return Dataset.FromArrays(points, new[] { 2 }, labels, classCount: 3);
    }

    /// <summary>Blobs with a second, binary target: whether the point lies in the north (y > 1.25).</summary>
    public static Dataset TwoTargetDataset(int count, int seed)
    {
        var (points, labels) = Blobs(count, seed);
        var north = new float[count];
        for (var i = 0; i < count; i++)
        {
            north[i] = points[(2 * i) + 1] > 1.25f ? 1f : 0f;
        }

        return new Dataset(
            new[] { DataColumn.Floats("point", new[] { 2 }, points) },
            new[] { DataColumn.Classes("kind", labels, 3), DataColumn.Floats("north", new[] { 1 }, north) });
    }

    public static Dataset Regression(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 4];
        var targets = new float[count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                features[(4 * i) + j] = (float)Gaussian(random) * 10f;
            }

            targets[i] = (features[4 * i] * 3f) - features[(4 * i) + 1] + 50f;
        }

        return Dataset.FromArrays(features, new[] { 4 }, targets, new[] { 1 });
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
