using ModelDsl.Compiler.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>The symbolic size algebra: canonical forms, so equal sizes are equal records, and readable text.</summary>
public sealed class DimTests
{
    private static readonly Dim H = Dim.Symbol("H");
    private static readonly Dim W = Dim.Symbol("W");

    [Fact]
    public void Constants_fold()
    {
        Assert.Equal(Dim.Of(7), Dim.Of(3) + Dim.Of(4));
        Assert.Equal(Dim.Of(-4), Dim.Of(-7).FloorDiv(2));
        Assert.Equal(Dim.Of(4), Dim.Of(7).CeilDiv(2));
        Assert.Equal("12", (Dim.Of(3) * Dim.Of(4)).ToString());
    }

    [Fact]
    public void Linear_terms_combine_and_cancel()
    {
        Assert.Equal(H, (H + Dim.Of(2)) - Dim.Of(2));
        Assert.Equal("H - 2", (H - Dim.Of(2)).ToString());
        Assert.Equal(Dim.Of(0), H - H);
        Assert.Equal("2*H + W", (H + W + H).ToString());
        Assert.Equal(H + W, W + H);
    }

    [Fact]
    public void Nested_ceil_divisions_fold_into_one()
    {
        Assert.Equal("ceil(H/2)", H.CeilDiv(2).ToString());
        Assert.Equal(H.CeilDiv(4), H.CeilDiv(2).CeilDiv(2));
        Assert.Equal("ceil(H/8)", H.CeilDiv(2).CeilDiv(2).CeilDiv(2).ToString());
        Assert.Equal(H.FloorDiv(6), H.FloorDiv(2).FloorDiv(3));
    }

    [Fact]
    public void Exact_divisions_simplify()
    {
        Assert.Equal(H + Dim.Of(2), ((Dim.Of(2) * H) + Dim.Of(4)).FloorDiv(2));
        Assert.Equal(H, ((Dim.Of(2) * H) + Dim.Of(1)).FloorDiv(2));
        Assert.Equal(H, H.FloorDiv(1));
    }

    [Fact]
    public void Valid_convolution_arithmetic_is_exact()
    {
        // floor((H - 3) / 2) + 1 == ceil(H / 2) - 1 for every integer H.
        var output = (H - Dim.Of(3)).FloorDiv(2) + Dim.Of(1);
        Assert.Equal(H.CeilDiv(2) - Dim.Of(1), output);
        Assert.Equal("ceil(H/2) - 1", output.ToString());
    }

    [Fact]
    public void Products_and_symbols()
    {
        var flat = Dim.Product(new[] { Dim.Of(64), H.CeilDiv(32), W.CeilDiv(32) });
        Assert.Equal("64*ceil(H/32)*ceil(W/32)", flat.ToString());
        Assert.Equal(new[] { "H", "W" }, flat.Symbols());
        Assert.False(flat.IsConstant);
    }

    [Fact]
    public void Shapes_print_with_the_batch_axis()
    {
        var shape = Shape.Of(new[] { Dim.Of(64), H, W });
        Assert.Equal("[N, 64, H, W]", shape.ToString());
        Assert.Equal("[64, H, W]", shape.ToExampleString());
        Assert.Equal(Shape.Of(64, 56, 56), Shape.Of(64, 56, 56));
    }

    [Fact]
    public void Overflow_is_detected()
    {
        Assert.Throws<System.OverflowException>(() => Dim.Of(long.MaxValue) * Dim.Of(2));
    }
}
