using System;

namespace ModelDsl.Runtime.Cpu;

/// <summary>Shape checks shared by the operations; messages name the operation and both shapes.</summary>
internal static class Shapes
{
    public static void RequireSame(Tensor a, Tensor b, string op)
    {
        if (!a.ShapeArray.AsSpan().SequenceEqual(b.ShapeArray))
        {
            throw new ArgumentException($"{op}: shapes differ: {Tensor.Describe(a.ShapeArray)} and {Tensor.Describe(b.ShapeArray)}");
        }
    }

    public static void RequireRank(Tensor t, int rank, string op, string expected)
    {
        if (t.Rank != rank)
        {
            throw new ArgumentException($"{op} expects a rank-{rank} {expected} tensor but receives {Tensor.Describe(t.ShapeArray)}");
        }
    }
}
