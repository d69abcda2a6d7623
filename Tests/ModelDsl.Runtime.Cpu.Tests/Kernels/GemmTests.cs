using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Cpu.Kernels;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests.Kernels;

public sealed class GemmTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        var shapes = new (int M, int N, int K)[]
        {
            (1, 1, 1), (1, 7, 3), (7, 1, 5), (3, 5, 1), (2, 3, 4),
            (13, 17, 19), (31, 37, 41), (8, 32, 256), (9, 33, 257), (7, 31, 255),
            (6, 16, 64), (5, 15, 63), (17, 65, 300), (145, 40, 20), (144, 64, 513),
            (32, 512, 784), (33, 1025, 70), (300, 10, 33), (10, 300, 33), (64, 96, 288),
        };
        foreach (var (m, n, k) in shapes)
        {
            data.Add(m, n, k);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_double_reference_for_every_transpose_and_thread_count(int m, int n, int k)
    {
        var random = new Random((m * 7919) + (n * 31) + k);
        foreach (var transposeA in new[] { false, true })
        {
            foreach (var transposeB in new[] { false, true })
            {
                foreach (var threads in new[] { 1, 2 })
                {
                    Check(random, transposeA, transposeB, m, n, k, 1f, 0f, padding: 0, threads);
                }
            }
        }
    }

    [Theory]
    [InlineData(1.5f, 0.5f)]
    [InlineData(-2f, 1f)]
    [InlineData(1f, -1.25f)]
    [InlineData(0.25f, 0f)]
    public void Applies_alpha_and_beta_with_strided_matrices(float alpha, float beta)
    {
        var random = new Random(42);
        foreach (var (m, n, k) in new[] { (5, 6, 7), (40, 70, 300), (129, 33, 65) })
        {
            foreach (var transposeA in new[] { false, true })
            {
                foreach (var transposeB in new[] { false, true })
                {
                    foreach (var threads in new[] { 1, 2 })
                    {
                        Check(random, transposeA, transposeB, m, n, k, alpha, beta, padding: 3, threads);
                    }
                }
            }
        }
    }

    [Fact]
    public void Beta_zero_overwrites_nan_in_c()
    {
        foreach (var (m, n, k) in new[] { (3, 4, 5), (64, 64, 64) })
        {
            var a = Filled(m * k, 1f);
            var b = Filled(k * n, 2f);
            var c = Filled(m * n, float.NaN);
            Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
            Assert.All(c, value => Assert.Equal(2f * k, value));
        }
    }

    [Fact]
    public void Zero_depth_scales_c_by_beta()
    {
        var c = Filled(6, 3f);
        Gemm.Multiply(false, false, 2, 3, 0, 1f, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, 3, 0.5f, c, 3);
        Assert.All(c, value => Assert.Equal(1.5f, value));
    }

    [Fact]
    public void Leaves_c_outside_the_product_untouched()
    {
        // C is the top-left 40×50 corner of a 45×60 buffer: the rest must keep its sentinel.
        const int M = 40, N = 50, K = 70, Ldc = 60;
        var a = Filled(M * K, 1f);
        var b = Filled(K * N, 1f);
        var c = Filled(45 * Ldc, -7f);
        Gemm.Multiply(false, false, M, N, K, 1f, a, K, b, N, 0f, c, Ldc);
        for (var i = 0; i < 45; i++)
        {
            for (var j = 0; j < Ldc; j++)
            {
                Assert.Equal(i < M && j < N ? K : -7f, c[(i * Ldc) + j]);
            }
        }
    }

    [Fact]
    public void Rejects_buffers_too_small_for_the_shape()
    {
        var a = new float[10];
        var b = new float[12];
        var c = new float[6];
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 3, 6, 1f, a, 6, b, 3, 0f, c, 3));
        Assert.Contains("A holds 10 floats", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 3, 4, 1f, new float[8], 4, b, 2, 0f, c, 3));
    }

    [Fact]
    public void Concurrent_callers_get_correct_results()
    {
        // Several threads multiply at once: the worker pool must not mix their jobs or pack buffers.
        var failures = new List<string>();
        System.Threading.Tasks.Parallel.For(0, 8, seed =>
        {
            var random = new Random(seed);
            const int M = 96, N = 200, K = 150;
            var a = RandomMatrix(random, M * K);
            var b = RandomMatrix(random, K * N);
            var c = new float[M * N];
            for (var repeat = 0; repeat < 5; repeat++)
            {
                Gemm.Multiply(false, true, M, N, K, 1f, a, K, b, K, 0f, c, N);
                var expected = Reference(false, true, M, N, K, 1f, a, K, b, K, 0f, new float[M * N], N);
                var error = MaxRelativeError(expected, c);
                if (error > 1e-4)
                {
                    lock (failures)
                    {
                        failures.Add($"seed {seed}: error {error}");
                    }
                }
            }
        });
        Assert.Empty(failures);
    }

    [Fact]
    public void Does_not_allocate_after_warm_up()
    {
        const int M = 64, N = 256, K = 300;
        var a = Filled(M * K, 0.5f);
        var b = Filled(K * N, 0.25f);
        var c = new float[M * N];
        for (var i = 0; i < 3; i++)
        {
            Gemm.Multiply(true, false, M, N, K, 1f, a, M, b, N, 0f, c, N);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            Gemm.Multiply(true, false, M, N, K, 1f, a, M, b, N, 0f, c, N);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static void Check(
        Random random, bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta, int padding,
        int threads)
    {
        var lda = (transposeA ? m : k) + padding;
        var ldb = (transposeB ? k : n) + padding;
        var ldc = n + padding;
        var a = RandomMatrix(random, (transposeA ? k : m) * lda);
        var b = RandomMatrix(random, (transposeB ? n : k) * ldb);
        var c = RandomMatrix(random, m * ldc);
        var expected = Reference(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, (float[])c.Clone(), ldc);
        Gemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var want = expected[(i * ldc) + j];
                var got = c[(i * ldc) + j];
                var tolerance = 1e-5 * (k + 1) * Math.Max(1.0, Math.Abs(want));
                if (Math.Abs(want - got) > tolerance)
                {
                    Assert.Fail(
                        $"m={m} n={n} k={k} tA={transposeA} tB={transposeB} alpha={alpha} beta={beta} " +
                        $"threads={threads}: C[{i},{j}] = {got}, expected {want}");
                }
            }

            for (var j = n; j < ldc; j++)
            {
                Assert.Equal(expected[(i * ldc) + j], c[(i * ldc) + j]);
            }
        }
    }

    private static float[] Reference(
        bool transposeA, bool transposeB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
        float beta, float[] c, int ldc)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++)
                {
                    var av = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var bv = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)av * bv;
                }

                var old = beta == 0f ? 0.0 : beta * (double)c[(i * ldc) + j];
                c[(i * ldc) + j] = (float)((alpha * sum) + old);
            }
        }

        return c;
    }

    private static double MaxRelativeError(float[] expected, float[] actual)
    {
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Max(1.0, Math.Abs(expected[i])));
        }

        return worst;
    }

    private static float[] RandomMatrix(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
