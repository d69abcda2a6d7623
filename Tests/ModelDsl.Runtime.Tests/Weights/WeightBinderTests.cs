using System;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Runtime.Tests.Weights;

public sealed class WeightBinderTests
{
    private static readonly WeightSlot[] Slots =
    {
        new("dense_0.weight", new long[] { 3, 2 }),
        new("dense_0.bias", new long[] { 3 }),
    };

    [Fact]
    public void Binds_by_name_in_slot_order_and_skips_batch_counters()
    {
        var file = new[]
        {
            new WeightTensor("dense_0.bias", new long[] { 3 }, new float[] { 7, 8, 9 }),
            new WeightTensor("bn.num_batches_tracked", Array.Empty<long>(), new float[] { 5 }),
            new WeightTensor("dense_0.weight", new long[] { 3, 2 }, new float[] { 1, 2, 3, 4, 5, 6 }),
        };

        var values = WeightBinder.Bind("w.safetensors", file, Slots);

        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, values[0]);
        Assert.Equal(new float[] { 7, 8, 9 }, values[1]);
    }

    [Fact]
    public void A_missing_tensor_names_the_first_one_and_what_the_file_holds()
    {
        var file = new[] { new WeightTensor("dense_0.weight", new long[] { 3, 2 }, new float[6]) };

        var error = Assert.Throws<WeightFileException>(() => WeightBinder.Bind("w.safetensors", file, Slots));

        Assert.Equal("dense_0.bias", error.Key);
        Assert.Equal("w.safetensors: 'dense_0.bias': the file has no tensor for 1 of the model's 2 tensors (expected 'dense_0.bias' [3]; the file holds 'dense_0.weight')", error.Message);
    }

    [Fact]
    public void Shape_mismatches_list_expected_and_found()
    {
        var file = new[]
        {
            new WeightTensor("dense_0.weight", new long[] { 2, 3 }, new float[6]),
            new WeightTensor("dense_0.bias", new long[] { 4 }, new float[4]),
        };

        var error = Assert.Throws<WeightFileException>(() => WeightBinder.Bind("w.safetensors", file, Slots));

        Assert.Equal("dense_0.weight", error.Key);
        Assert.Contains("'dense_0.weight' expected [3, 2], found [2, 3]; 'dense_0.bias' expected [3], found [4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_tensors_are_errors_unless_a_part_is_loaded()
    {
        var file = new[]
        {
            new WeightTensor("dense_0.weight", new long[] { 3, 2 }, new float[6]),
            new WeightTensor("dense_0.bias", new long[] { 3 }, new float[3]),
            new WeightTensor("head.weight", new long[] { 1 }, new float[1]),
        };

        var error = Assert.Throws<WeightFileException>(() => WeightBinder.Bind("w.safetensors", file, Slots));
        Assert.Equal("head.weight", error.Key);
        Assert.Contains("tensors the model does not have", error.Message, StringComparison.Ordinal);

        Assert.Equal(2, WeightBinder.Bind("w.safetensors", file, Slots, allowExtra: true).Length);
    }
}
