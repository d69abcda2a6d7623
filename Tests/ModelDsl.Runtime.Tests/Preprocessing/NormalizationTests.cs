using System;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Preprocessing;
using Xunit;

namespace ModelDsl.Runtime.Tests.Preprocessing;

public sealed class NormalizationTests
{
    [Fact]
    public void Scale_divides()
    {
        var normalizer = Normalization.Scale(255).Fit(DataColumn.Floats("x", [2], [0, 255]));
        float[] values = [0, 255, 51];
        normalizer.Apply(values, [1]);
        Assert.Equal(0f, values[0]);
        Assert.Equal(1f, values[1], 6);
        Assert.Equal(0.2f, values[2], 6);
    }

    [Fact]
    public void Range_maps_pixel_range_linearly()
    {
        var normalizer = Normalization.Range(-1, 1).Fit(DataColumn.Floats("x", [2], [10, 20]));
        float[] values = [0, 127.5f, 255];
        normalizer.Apply(values, [3]);
        Assert.Equal(-1f, values[0], 5);
        Assert.Equal(0f, values[1], 5);
        Assert.Equal(1f, values[2], 5);
        Assert.Throws<DataException>(() => Normalization.Range(1, 1).Fit(DataColumn.Floats("x", [1], [0])));
    }

    [Fact]
    public void Standardize_uses_per_channel_training_statistics()
    {
        // Two 2-channel 1x2 images: channel 0 values {1, 3, 5, 7}, channel 1 values {10, 10, 10, 10}.
        var train = DataColumn.Floats("x", [2, 1, 2], [1, 3, 10, 10, 5, 7, 10, 10]);
        var normalizer = Normalization.Standardize().Fit(train);
        Assert.Equal(new[] { 4.0, 10.0 }, normalizer.Shift);
        Assert.Equal(1 / Math.Sqrt(5), normalizer.Multiplier[0], 9);
        Assert.Equal(1.0, normalizer.Multiplier[1]); // constant channel is centred, not divided by zero

        float[] batch = [4, 6, 10, 11];
        normalizer.Apply(batch, [2, 1, 2]);
        Assert.Equal(new[] { 0f, (float)(2 / Math.Sqrt(5)), 0f, 1f }, batch);
    }

    [Fact]
    public void Global_standardize_uses_one_mean_and_std_over_every_channel()
    {
        // Channel 0 holds {1, 3, 5, 7}, channel 1 {10, 10, 10, 10}: per channel they would get two means, globally one.
        float[] values = [1, 3, 10, 10, 5, 7, 10, 10];
        var mean = values.Average(v => (double)v);
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        var normalizer = Normalization.Standardize(global: true).Fit(DataColumn.Floats("x", [2, 1, 2], values));
        Assert.Equal(mean, Assert.Single(normalizer.Shift), 9);
        Assert.Equal(1 / std, Assert.Single(normalizer.Multiplier), 9);

        float[] batch = [.. values];
        normalizer.Apply(batch, [2, 1, 2]);
        Assert.Equal(0, batch.Average(v => (double)v), 5);
        Assert.Equal(1, Math.Sqrt(batch.Average(v => (double)v * v)), 5);
        Assert.True(batch[2] > 0 && batch[0] < 0); // the bright channel stays brighter than the dark one
        Assert.NotEqual(Normalization.Standardize().Fit(DataColumn.Floats("x", [2, 1, 2], values)).Shift.Length, normalizer.Shift.Length);
    }

    [Fact]
    public void Standardize_vectors_per_feature()
    {
        var normalizer = Normalization.Standardize().Fit(DataColumn.Floats("x", [2], [0, 100, 2, 300]));
        Assert.Equal(new[] { 1.0, 200.0 }, normalizer.Shift);
        Assert.Equal(new[] { 1.0, 0.01 }, normalizer.Multiplier);
    }

    [Fact]
    public void Mean_std_checks_channel_count()
    {
        var column = DataColumn.Floats("x", [3, 1, 1], [1, 2, 3]);
        var normalizer = Normalization.MeanStd([0.2, 0.4, 0.6], [0.2, 0.4, 0.8]).Fit(column);
        float[] values = [153, 204, 357]; // x / 255 = 0.6, 0.8, 1.4
        normalizer.Apply(values, [3, 1, 1]);
        Assert.Equal(2f, values[0], 5);
        Assert.Equal(1f, values[1], 5);
        Assert.Equal(1f, values[2], 5);
        Assert.Throws<DataException>(() => Normalization.MeanStd([1, 2], [1, 1]).Fit(column));
        Assert.Throws<DataException>(() => Normalization.MeanStd([1], [0]).Fit(column));
    }
}
