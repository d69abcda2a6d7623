using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Convolution as a GEMM whose B operand, the im2col matrix, is never written out: each Nr-wide strip of it (Nr
/// output pixels, which may run across output rows and images) is gathered straight from the input into an
/// L1-resident panel, multiplied by every strip of the packed weights into a tile, and the tile is written to the
/// NCHW output with the bias added. Against im2col + GEMM this saves writing and re-reading a column matrix that
/// does not fit L2 (a third of the forward time on the small-channel layers of the benchmark networks), the
/// strided reads of B in place, and the separate copy and bias passes.
/// Serves ungrouped convolutions whose packed weights fit L2; larger layers keep the blocked GEMM, which also
/// blocks the rows.
/// </summary>
internal static unsafe class ImplicitConv2d
{
    /// <summary>Most packed weight floats (256 KiB): beyond that A no longer stays in L2 across the panels.</summary>
    private const int MaxPackedWeights = 64 * 1024;

    /// <summary>Most runs a panel splits into: one per output row and strip it touches, at most one per column.</summary>
    private const int MaxRuns = 4 * 32;

    private static int Mr => GemmMicroKernel.Mr;

    private static int Nr => GemmMicroKernel.Nr;

    /// <summary>Whether this kernel serves the geometry on this machine.</summary>
    public static bool Serves(Conv2dShape g) =>
        GemmMicroKernel.IsAccelerated && Avx.IsSupported && g.Groups == 1 && PackedWeightsSize(g) <= MaxPackedWeights;

    /// <summary>
    /// Floats of the prepared operand (<see cref="Prepare"/>): the packed weights, rows rounded up to whole Mr
    /// strips, then one <see cref="PatchRow"/> per patch entry.
    /// </summary>
    public static long PreparedSize(Conv2dShape g) => PackedWeightsSize(g) + ((long)g.PatchSize * (sizeof(PatchRow) / sizeof(float)));

    private static long PackedWeightsSize(Conv2dShape g) => (long)RoundUp(g.OutChannels, Mr) * g.PatchSize;

    /// <summary>Floats of the panel buffer one thread needs.</summary>
    public static long PanelSize => (long)StripStride(GemmBlocked.Kc) * (PanelWidth / Nr);

    /// <summary>Floats of the tile buffer one thread needs.</summary>
    public static long TileSize(Conv2dShape g) => (long)RoundUp(g.OutChannels, Mr) * PanelWidth;

    /// <summary>
    /// Packs weight [outChannels, patch] into the micro-kernel's A layout, block by block of <see cref="GemmBlocked.Kc"/>
    /// depth (the strips of a block sit together), and describes every patch entry once for all panels: which
    /// input plane it reads, its offsets, and the output columns whose x falls inside the image. Done once per call
    /// on the calling thread; the threads read it.
    /// </summary>
    public static void Prepare(Conv2dShape g, float* weight, float* prepared)
    {
        var k = g.PatchSize;
        var m = g.OutChannels;
        var problem = new GemmProblem(false, false, m, 0, k, 1f, weight, k, null, 0, 0f, null, 0);
        var rows = RoundUp(m, Mr);
        for (var pc = 0; pc < k; pc += GemmBlocked.Kc)
        {
            var kc = Math.Min(GemmBlocked.Kc, k - pc);
            GemmPacking.PackA(problem, 0, m, pc, kc, prepared + ((long)rows * pc));
        }

        var patchRows = (PatchRow*)(prepared + PackedWeightsSize(g));
        var entry = 0;
        for (var channel = 0; channel < g.Channels; channel++)
        {
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++, entry++)
                {
                    var xOffset = (kx * g.DilationWidth) - g.PadLeft;
                    var (start, end) = Im2Col.ValidRange(xOffset, g.StrideWidth, g.Width, g.OutWidth);
                    patchRows[entry] = new PatchRow
                    {
                        Plane = (long)channel * g.Height * g.Width,
                        YOffset = (ky * g.DilationHeight) - g.PadTop,
                        XOffset = xOffset,
                        ValidStart = start,
                        ValidEnd = end,
                    };
                }
            }
        }
    }

    /// <summary>
    /// output[n0..n1) = conv(input, weight) + bias, or += conv(input, weight) when <paramref name="accumulate"/>
    /// (bias then null). <paramref name="prepared"/> comes from <see cref="Prepare"/>; the panel and tile
    /// buffers are the calling thread's (<see cref="PanelSize"/>, <see cref="TileSize"/>).
    /// </summary>
    public static void Run(
        Conv2dShape g, float* input, float* prepared, float* bias, float* output, int n0, int n1, bool accumulate,
        float* panel, float* tile)
    {
        var pixels = g.OutPixels;
        var total = (long)(n1 - n0) * pixels;
        var k = g.PatchSize;
        var rows = RoundUp(g.OutChannels, Mr);
        var nr = Nr;
        var mr = Mr;
        var width = PanelWidth;
        var runs = stackalloc PanelRun[MaxRuns];
        var patchRows = (PatchRow*)(prepared + PackedWeightsSize(g));
        for (long first = 0; first < total; first += width)
        {
            var columns = (int)Math.Min(width, total - first);
            var strips = (columns + nr - 1) / nr;
            var runCount = SplitIntoRuns(g, n0, first, columns, runs);
            for (var pc = 0; pc < k; pc += GemmBlocked.Kc)
            {
                var kc = Math.Min(GemmBlocked.Kc, k - pc);
                var stripStride = StripStride(kc);
                GatherPanel(g, input, patchRows + pc, runs, runCount, columns, kc, panel);
                var block = prepared + ((long)rows * pc);
                var beta = pc == 0 ? 0f : 1f;
                for (var strip = 0; strip < strips; strip++)
                {
                    var b = panel + (strip * stripStride);
                    var c = tile + (strip * nr);
                    for (var row = 0; row < rows; row += mr)
                    {
                        GemmMicroKernel.Run(kc, block + ((long)row * kc), b, nr, c + ((long)row * width), width, beta);
                    }
                }
            }

            WriteTile(g, tile, n0, first, columns, bias, output, accumulate);
        }
    }

    /// <summary>
    /// Columns of one panel: four micro-kernel strips. Gathering several output rows at once reads each input row
    /// for several kernel rows in a row (3×3: up to three times), where one-strip panels of a wide map fetched it
    /// again from L2 for every panel; on 32×32 maps, whose channel planes sit 4 KiB apart in the same L1 sets, that
    /// made the gather cost more than the multiply.
    /// </summary>
    private static int PanelWidth => 4 * Nr;

    /// <summary>
    /// Floats from one strip of a panel to the next: kc rows of Nr plus a vector, so that a store running past a
    /// strip's last row lands in the gap rather than in the next strip's first row, which is already written.
    /// </summary>
    private static int StripStride(int kc) => (kc * Nr) + 16;

    /// <summary>A run of panel columns that lie in one output row of one image and one strip.</summary>
    private struct PanelRun
    {
        public int Image;
        public int Row;
        public int Column;
        public int Length;

        /// <summary>Offset of the run's first column in a panel row: strip · stripStride + column in the strip.</summary>
        public int Strip;
        public int StripColumn;
    }

    private static int SplitIntoRuns(Conv2dShape g, int n0, long first, int columns, PanelRun* runs)
    {
        var pixels = g.OutPixels;
        var ow = g.OutWidth;
        var nr = Nr;
        var count = 0;
        var j = 0;
        while (j < columns)
        {
            var flat = first + j;
            var image = (int)(flat / pixels);
            var pixel = (int)(flat - ((long)image * pixels));
            var row = pixel / ow;
            var column = pixel - (row * ow);
            var strip = j / nr;
            var stripColumn = j - (strip * nr);
            var length = Math.Min(Math.Min(ow - column, columns - j), nr - stripColumn);
            runs[count++] = new PanelRun
            {
                Image = n0 + image, Row = row, Column = column, Length = length, Strip = strip, StripColumn = stripColumn,
            };
            j += length;
        }

        return count;
    }

    /// <summary>One patch entry (channel, ky, kx) as the gather needs it.</summary>
    private struct PatchRow
    {
        public long Plane;
        public int YOffset;
        public int XOffset;
        public int ValidStart;
        public int ValidEnd;
    }

    /// <summary>panel[p, 0..Nr) = the im2col matrix's row of patchRows[p] over the panel's columns, zero past them.</summary>
    private static void GatherPanel(
        Conv2dShape g, float* input, PatchRow* patchRows, PanelRun* runs, int runCount, int columns, int kc, float* panel)
    {
        var nr = Nr;
        var (h, w) = (g.Height, g.Width);
        var stride = g.StrideWidth;
        var imageSize = (long)h * w * g.Channels;
        var inputEnd = input + (imageSize * g.Batch);
        var stripStride = StripStride(kc);
        var lastStrip = (columns - 1) / nr;
        var raggedFrom = columns - (lastStrip * nr);
        for (var p = 0; p < kc; p++)
        {
            var dst = panel + ((long)p * nr);
            var patch = patchRows[p];
            for (var r = 0; r < runCount; r++)
            {
                var run = runs[r];
                var d = dst + (run.Strip * stripStride) + run.StripColumn;
                var y = (run.Row * g.StrideHeight) + patch.YOffset;

                // Columns [start, end) of this run read inside the image; the rest is padding.
                var start = Math.Max(run.Column, patch.ValidStart);
                var end = Math.Min(run.Column + run.Length, patch.ValidEnd);
                if ((uint)y >= (uint)h || end <= start)
                {
                    Zero(d, run.Length);
                    continue;
                }

                if (start > run.Column)
                {
                    Zero(d, start - run.Column);
                }

                var src = input + (run.Image * imageSize) + patch.Plane + ((long)y * w) + (start * stride) + patch.XOffset;
                var dCopy = d + (start - run.Column);
                if (stride == 1)
                {
                    Copy(src, dCopy, end - start, inputEnd);
                }
                else
                {
                    for (var t = 0; t < end - start; t++)
                    {
                        dCopy[t] = src[t * stride];
                    }
                }

                if (end < run.Column + run.Length)
                {
                    Zero(d + (end - run.Column), run.Column + run.Length - end);
                }
            }

            if (raggedFrom < nr)
            {
                new Span<float>(dst + (lastStrip * stripStride) + raggedFrom, nr - raggedFrom).Clear();
            }
        }
    }

    /// <summary>
    /// output (=, or +=) tile + bias over the panel's columns. Within one image a panel's columns are one contiguous
    /// pixel range of every channel plane, so runs here split only where images do.
    /// </summary>
    private static void WriteTile(Conv2dShape g, float* tile, int n0, long first, int columns, float* bias, float* output, bool accumulate)
    {
        var pixels = g.OutPixels;
        var m = g.OutChannels;
        var width = PanelWidth;
        var j = 0;
        while (j < columns)
        {
            var flat = first + j;
            var image = (int)(flat / pixels);
            var pixel = (int)(flat - ((long)image * pixels));
            var length = Math.Min(pixels - pixel, columns - j);
            var target = output + (((long)(n0 + image) * m) * pixels) + pixel;
            for (var co = 0; co < m; co++)
            {
                var src = tile + ((long)co * width) + j;
                var dst = target + ((long)co * pixels);
                if (accumulate)
                {
                    AddInto(src, dst, length);
                }
                else
                {
                    CopyAddingBias(src, dst, length, bias == null ? 0f : bias[co]);
                }
            }

            j += length;
        }
    }

    /// <summary>
    /// dst[0..length) = src[0..length). Whole vectors may store past <paramref name="length"/>: callers fill the
    /// panel left to right, so anything written past a run is overwritten by the next run, row or the ragged zeros.
    /// The last vector's load is masked unless it stays below <paramref name="end"/>, so nothing past the input is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* src, float* dst, int length, float* end)
    {
        var t = 0;
        for (; t + 8 <= length; t += 8)
        {
            Vector256.Store(Vector256.Load(src + t), dst + t);
        }

        if (t < length)
        {
            var vector = src + t + 8 <= end ? Vector256.Load(src + t) : Avx.MaskLoad(src + t, TailMask(length - t));
            Vector256.Store(vector, dst + t);
        }
    }

    /// <summary>dst[0..length) = 0, possibly storing past it like <see cref="Copy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero(float* dst, int length)
    {
        for (var t = 0; t < length; t += 8)
        {
            Vector256.Store(Vector256<float>.Zero, dst + t);
        }
    }

    private static void CopyAddingBias(float* src, float* dst, int length, float bias)
    {
        var b = Vector256.Create(bias);
        var t = 0;
        for (; t + 8 <= length; t += 8)
        {
            Vector256.Store(Vector256.Load(src + t) + b, dst + t);
        }

        for (; t < length; t++)
        {
            dst[t] = src[t] + bias;
        }
    }

    private static void AddInto(float* src, float* dst, int length)
    {
        var t = 0;
        for (; t + 8 <= length; t += 8)
        {
            Vector256.Store(Vector256.Load(dst + t) + Vector256.Load(src + t), dst + t);
        }

        for (; t < length; t++)
        {
            dst[t] += src[t];
        }
    }

    /// <summary>Sign bits set in the first <paramref name="count"/> lanes (1..7).</summary>
    private static Vector256<float> TailMask(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
