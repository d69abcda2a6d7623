using System;
using System.Linq;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class DatasetTests
{
    private static Dataset Numbers(int n) =>
        Dataset.FromArrays([.. Enumerable.Range(0, n * 2).Select(i => (float)i)], [2], [.. Enumerable.Range(0, n).Select(i => i % 3)]);

    [Fact]
    public void Batches_cover_every_example_once_with_a_partial_last_batch()
    {
        var batches = BatchIterator.EpochIndices(10, 4, shuffle: true, seed: 7, epoch: 0);
        Assert.Equal(new[] { 4, 4, 2 }, batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void Shuffle_differs_per_epoch_and_repeats_per_seed()
    {
        var e0 = BatchIterator.EpochIndices(50, 50, true, 1, 0)[0];
        var e1 = BatchIterator.EpochIndices(50, 50, true, 1, 1)[0];
        Assert.NotEqual(e0, e1);
        Assert.Equal(e1, BatchIterator.EpochIndices(50, 50, true, 1, 1)[0]);
        Assert.Equal(Enumerable.Range(0, 50), BatchIterator.EpochIndices(50, 50, false, 1, 1)[0]);
    }

    [Fact]
    public void Steps_per_epoch_draws_full_batches_without_repeats()
    {
        var draws = BatchIterator.DrawIndices(count: 7, batchSize: 5, steps: 6, seed: 3, epoch: 2);
        Assert.Equal(6, draws.Length);
        Assert.All(draws, b => Assert.Equal(5, b.Distinct().Count()));
        var counts = draws.SelectMany(b => b).GroupBy(i => i).Select(g => g.Count()).ToList();
        Assert.Equal(7, counts.Count);
        Assert.True(counts.Max() - counts.Min() <= 2);
    }

    [Fact]
    public void Gathered_batch_holds_the_right_rows()
    {
        var data = Numbers(5);
        var batch = data.GetBatch([3, 1]);
        Assert.Equal(new[] { 2, 2 }, batch.Input.Shape);
        Assert.Equal(new float[] { 6, 7, 2, 3 }, batch.Input.Values);
        Assert.Equal(new[] { 0, 1 }, batch.Target.ClassIndices);
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0 }, batch.Target.ToOneHot().Values);
    }

    [Fact]
    public void Batch_pool_reuses_arrays_of_the_same_length()
    {
        var data = Numbers(6);
        var pool = new BatchPool();
        var first = data.GetBatch([0, 1], pool);
        var values = first.Input.Values;
        pool.Return(first);

        var second = data.GetBatch([4, 5], pool);
        Assert.Same(values, second.Input.Values);
        Assert.Equal(new float[] { 8, 9, 10, 11 }, second.Input.Values);
        Assert.NotSame(values, data.GetBatch([2, 3], pool).Input.Values); // the reused array is still out
        Assert.Equal(6, data.GetBatch([0, 1, 2], pool).Input.Values!.Length);
    }

    [Fact]
    public void SplitLast_holds_out_the_last_examples_in_order_as_keras_does()
    {
        var data = Numbers(20);
        var (train, validation) = data.SplitLast(0.25);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (float)(i * 2)), train.Features.Values!.Where((_, i) => i % 2 == 0));
        Assert.Equal(Enumerable.Range(15, 5).Select(i => (float)(i * 2)), validation.Features.Values!.Where((_, i) => i % 2 == 0));
        Assert.Equal(Enumerable.Range(15, 5).Select(i => i % 3), validation.Targets[0].ClassIndices);
    }

    [Theory]
    [InlineData(10, 0.25, 3)] // Keras: 10 − ⌊10·0.75⌋ = 3
    [InlineData(10, 0.3, 3)]  // 10·0.3 = 3.0000000000000004 in doubles: still 3
    [InlineData(10, 0.9, 9)]  // 10·(1 − 0.9) = 0.9999999999999998: still one training example
    [InlineData(7, 0.1, 1)]
    [InlineData(100, 0.2, 20)]
    public void Held_out_count_is_the_ceiling_of_count_times_fraction(int count, double fraction, int expected)
    {
        Assert.Equal(expected, Dataset.HeldOutCount(count, fraction));
        Assert.Equal(expected, Numbers(count).SplitLast(fraction).HeldOut.Count);
    }

    [Fact]
    public void Bad_arrays_are_data_errors()
    {
        Assert.Throws<DataException>(() => Dataset.FromArrays(new float[5], [2], [0, 1]));
        Assert.Throws<DataException>(() => Dataset.FromArrays(new float[4], [2], [0, 1, 2]));
        Assert.Throws<DataException>(() => Dataset.FromArrays(new float[4], [2], [0, 5], classCount: 3));
        Assert.Contains("no training", Assert.Throws<DataException>(() => Numbers(1).SplitLast(0.5, "test")).Message, StringComparison.Ordinal);
        Assert.Contains("test split", Assert.Throws<DataException>(() => Numbers(3).SplitLast(1.5, "test")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idx_dataset_loads_images_as_one_channel()
    {
        using var dir = new TempDirectory();
        var (images, labels) = IdxFiles.WriteImagesAndLabels(dir, 4, gzip: true);
        var data = IdxDataset.Load(images, labels, classCount: 10);
        Assert.Equal(new[] { 1, 2, 3 }, data.Features.ExampleShape);
        Assert.Equal(10, data.Targets[0].ClassCount);
        var ex = Assert.Throws<DataException>(() => IdxDataset.Load(labels, images));
        Assert.Contains("swapped", ex.Message, StringComparison.Ordinal);
    }
}
