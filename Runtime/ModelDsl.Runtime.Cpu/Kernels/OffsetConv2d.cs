using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Convolution without any column matrix. Each image is copied once into a zero-padded buffer of width
/// Wp = W + padLeft + padRight, and outputs are computed on that padded grid (Wp columns per output row, of which
/// the last Wp − OW are discarded). On that grid, patch entry (ci, ky, kx) of output column p is simply padded[ci,
/// p + ky·dh·Wp + kx·dw]: a fixed offset per patch entry. So the GEMM's B row for entry k is the padded image read
/// at offset[k], contiguous along output columns, and the micro-kernel reads it in place.
/// A stride s is the same after splitting the padded image into its s×s phases (rows ≡ py, columns ≡ px mod s):
/// padded[oy·s + ky·dh, ox·s + kx·dw] is phase ((ky·dh) mod s, (kx·dw) mod s) at (oy + ⌊ky·dh/s⌋, ox + ⌊kx·dw/s⌋),
/// again a fixed offset on a grid of ⌈Wp/s⌉ columns. The products:
/// <list type="bullet">
/// <item>forward (and, through the flipped kernel, the input gradient): C[co, p] = Σ_k W[co, k] · padded[offset[k] + p]
/// (<see cref="Kernel"/>);</item>
/// <item>weight gradient: dWᵀ[k, co] = Σ_p padded[offset[k] + p] · dYᵀ[p, co], the output gradient transposed onto the
/// grid with zeros in the discarded columns (the same <see cref="Kernel"/>, B rows at p·channels).</item>
/// </list>
/// On small-channel layers the im2col gather (nine values written and read again per input value) cost as much as
/// the multiply; here the only copies are the padded image and, for the weight gradient, the transposed output
/// gradient. Uses 6×16 AVX2 tiles on every x64 machine with FMA.
/// </summary>
internal static unsafe class OffsetConv2d
{
    private const int Mr = 6;
    private const int Nr = 16;

    /// <summary>Depth (grid columns) of one weight-gradient pass: the transposed gradient block stays in L2.</summary>
    private const int Kc = 256;

    /// <summary>Strips of output columns the forward computes per pass over the weights.</summary>
    private const int BlockStrips = 8;

    /// <summary>Floats of zeros after a padded image, so a strip running past the last grid column reads zeros.</summary>
    private const int Slack = Nr;

    /// <summary>
    /// Whether this kernel serves the geometry: FMA, one group, and a grid at most half again as
    /// wide as the output (a 5×5 map convolved to 3×3 would compute 5 columns for every 3). A strided 1×1
    /// convolution reads one phase of s×s: splitting the whole image for it costs more than its im2col, a subsample.
    /// The weight gradient sums over one image's grid columns per micro-kernel call, so it also needs 64 of them
    /// (an 8×8 map); on smaller maps im2col, whose columns span several images, keeps the kernel busier.
    /// </summary>
    public static bool Serves(Conv2dShape g, bool weightGradient) =>
        Fma.IsSupported && Avx2.IsSupported && g.Groups == 1 &&
        (g.KernelHeight * g.KernelWidth > 1 || (g.StrideHeight == 1 && g.StrideWidth == 1)) &&
        GridWidth(g) * 2 <= g.OutWidth * 3 &&
        (!weightGradient || GridColumns(g) >= 4 * Nr);

    /// <summary>Floats of the operand <see cref="Prepare"/> makes: one int offset per patch entry.</summary>
    public static long PreparedSize(Conv2dShape g) => g.PatchSize;

    /// <summary>Floats of the per-thread buffer holding one padded image.</summary>
    public static long PaddedImageSize(Conv2dShape g) => ((long)g.Channels * g.StrideHeight * g.StrideWidth * PhasePlane(g)) + Slack;

    /// <summary>Floats of the per-thread forward tile (all output channels × one block of strips).</summary>
    public static long TileSize(Conv2dShape g) => (long)RoundUp(g.OutChannels, Mr) * Nr * BlockStrips;

    /// <summary>Floats of the per-thread transposed output gradient of one image (grid columns × channels).</summary>
    public static long TransposedGradientSize(Conv2dShape g) => (long)GridColumns(g) * ChannelStride(g);

    /// <summary>Floats of one part's weight-gradient partial: dWᵀ [patch rounded to Mr, channels rounded to Nr], then the bias.</summary>
    public static long PartialSize(Conv2dShape g) => ((long)RoundUp(g.PatchSize, Mr) * ChannelStride(g)) + g.OutChannels;

    /// <summary>
    /// The offset of every patch entry on the padded grid (its phase plane, row and column).
    /// </summary>
    public static void Prepare(Conv2dShape g, float* prepared)
    {
        var offsets = Offsets(g, prepared);
        var (sh, sw) = (g.StrideHeight, g.StrideWidth);
        var width = GridWidth(g);
        var plane = PhasePlane(g);
        var entry = 0;
        for (var ci = 0; ci < g.Channels; ci++)
        {
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++, entry++)
                {
                    var (y, x) = (ky * g.DilationHeight, kx * g.DilationWidth);
                    var phase = (((ci * sh) + (y % sh)) * sw) + (x % sw);
                    offsets[entry] = (phase * plane) + (y / sh * width) + (x / sw);
                }
            }
        }
    }

    /// <summary>
    /// Work units [u0, u1): unit u is slice u mod <paramref name="slices"/> of image u / slices. A batch smaller than
    /// twice the thread count is cut into slices, so that batch-1 inference still uses every thread: the forward
    /// into ranges of output channels (the deep layers of a ResNet have many channels and few columns), the weight
    /// gradient into ranges of grid columns (their partial sums add up).
    /// </summary>
    public static int Units(Conv2dShape g, int threads, bool forward, out int slices)
    {
        var most = forward ? RoundUp(g.OutChannels, Mr) / Mr : Math.Max(1, GridColumns(g) / (4 * Nr));
        slices = g.Batch >= 2 * threads ? 1 : Math.Clamp((4 * threads) / g.Batch, 1, most);
        return g.Batch * slices;
    }

    /// <summary>output (=, or +=) conv (+ bias) over work units [u0, u1) (accumulate: bias null).</summary>
    public static void Forward(
        Conv2dShape g, float* input, float* weight, float* prepared, float* bias, float* output, int u0, int u1, int slices,
        bool accumulate, float* padded, float* tile)
    {
        var k = g.PatchSize;
        var m = g.OutChannels;
        var rows = RoundUp(m, Mr);
        var offsets = Offsets(g, prepared);
        var weightRows = stackalloc float*[Mr];
        var strips = (GridColumns(g) + Nr - 1) / Nr;
        var weightStrips = rows / Mr;
        var imageSize = (long)g.Channels * g.Height * g.Width;
        var outputImage = (long)m * g.OutPixels;
        var paddedImage = -1;
        for (var u = u0; u < u1; u++)
        {
            var (n, slice) = (u / slices, u % slices);
            if (n != paddedImage)
            {
                Pad(g, input + (n * imageSize), padded);
                paddedImage = n;
            }

            // Blocks of strips: each Mr-row strip of the weights is read once per block and stays in L1 while the
            // block's strips stream past it, so weights far larger than L2 (ResNet-18's 512-channel layers) cost
            // one pass per block instead of one per strip.
            var channelStart = (int)((long)slice * weightStrips / slices) * Mr;
            var channelEnd = Math.Min(m, (int)((long)(slice + 1) * weightStrips / slices) * Mr);
            var end = strips * Nr;
            for (var block = 0; block < end; block += BlockStrips * Nr)
            {
                var blockEnd = Math.Min(end, block + (BlockStrips * Nr));
                for (var strip = channelStart; strip < channelEnd; strip += Mr)
                {
                    for (var r = 0; r < Mr; r++)
                    {
                        // Rows past the channels repeat the last one: finite values into tile rows nobody writes out.
                        weightRows[r] = weight + ((long)Math.Min(strip + r, m - 1) * k);
                    }

                    for (var first = block; first < blockEnd; first += Nr)
                    {
                        Kernel(k, weightRows, padded + first, offsets, tile + ((long)(first - block) * rows) + (strip * Nr), Nr, accumulate: false);
                    }
                }

                for (var first = block; first < blockEnd; first += Nr)
                {
                    WriteStrip(g, tile + ((long)(first - block) * rows), first, channelStart, channelEnd, bias, output + (n * outputImage), accumulate);
                }
            }
        }
    }

    /// <summary>
    /// partial (dWᵀ, then the bias gradient) = the gradients of work units [u0, u1); <see cref="ReducePartials"/> sums
    /// the parts into the weight gradient.
    /// </summary>
    public static void BackwardWeight(
        Conv2dShape g, float* input, float* prepared, float* outputGrad, int u0, int u1, int slices, float* partial, float* padded,
        float* transposed)
    {
        var k = g.PatchSize;
        var rows = RoundUp(k, Mr);
        var cs = ChannelStride(g);
        var offsets = Offsets(g, prepared);
        var total = GridColumns(g);
        var imageSize = (long)g.Channels * g.Height * g.Width;
        var outputImage = (long)g.OutChannels * g.OutPixels;
        new Span<float>(partial, checked((int)PartialSize(g))).Clear();
        var rowPointers = stackalloc float*[Mr];

        // Row p of the transposed output gradient starts p·cs floats in: the kernel's B offsets for one pass.
        var gradientRows = stackalloc int[Kc];
        for (var p = 0; p < Kc; p++)
        {
            gradientRows[p] = p * cs;
        }

        var loadedImage = -1;
        for (var u = u0; u < u1; u++)
        {
            var (n, slice) = (u / slices, u % slices);
            if (n != loadedImage)
            {
                Pad(g, input + (n * imageSize), padded);
                TransposeOntoGrid(g, outputGrad + (n * outputImage), transposed);
                loadedImage = n;
            }

            var end = (int)((long)(slice + 1) * total / slices);
            for (var p0 = (int)((long)slice * total / slices); p0 < end; p0 += Kc)
            {
                var kc = Math.Min(Kc, end - p0);
                for (var i = 0; i < rows; i += Mr)
                {
                    for (var r = 0; r < Mr; r++)
                    {
                        // Rows past the patch repeat its last entry: finite values into rows nobody reads.
                        rowPointers[r] = padded + offsets[Math.Min(i + r, k - 1)] + p0;
                    }

                    for (var co = 0; co < cs; co += Nr)
                    {
                        Kernel(kc, rowPointers, transposed + ((long)p0 * cs) + co, gradientRows, partial + ((long)i * cs) + co, cs, accumulate: true);
                    }
                }
            }
        }

        // The bias gradient of every image whose first slice is in this part.
        Conv2dKernel.SumPlanes(g, outputGrad, (u0 + slices - 1) / slices, ((u1 - 1) / slices) + 1, partial + ((long)rows * cs));
    }

    /// <summary>weightGrad (=, or +=) Σ partials, transposed back to [outChannels, patch]; biasGrad likewise when not null.</summary>
    public static void ReducePartials(Conv2dShape g, float* partials, int parts, float* weightGrad, float* biasGrad, bool accumulate)
    {
        var k = g.PatchSize;
        var m = g.OutChannels;
        var cs = ChannelStride(g);
        var size = PartialSize(g);
        var sum = partials;
        for (var part = 1; part < parts; part++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(
                new ReadOnlySpan<float>(sum, (int)size), new ReadOnlySpan<float>(partials + (part * size), (int)size), new Span<float>(sum, (int)size));
        }

        for (var co = 0; co < m; co++)
        {
            for (var p = 0; p < k; p++)
            {
                var value = sum[((long)p * cs) + co];
                weightGrad[((long)co * k) + p] = accumulate ? weightGrad[((long)co * k) + p] + value : value;
            }
        }

        if (biasGrad != null)
        {
            var bias = sum + ((long)RoundUp(k, Mr) * cs);
            for (var co = 0; co < m; co++)
            {
                biasGrad[co] = accumulate ? biasGrad[co] + bias[co] : bias[co];
            }
        }
    }

    /// <summary>
    /// c[r, 0..Nr) (=, or += when <paramref name="accumulate"/>) Σ_p rows[r][p] · b[bOffsets[p] + j]. Both products
    /// are this one: the forward reads A from six weight rows (no packing, which at batch 1 cost more than the
    /// multiply on a 512-channel layer) and its B row p is the padded image at patch entry p's offset; the weight
    /// gradient reads A from six padded-image rows and B row p is the transposed output gradient's row p.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int k, float** rows, float* b, int* bOffsets, float* c, int ldc, bool accumulate)
    {
        var a0 = rows[0];
        var a1 = rows[1];
        var a2 = rows[2];
        var a3 = rows[3];
        var a4 = rows[4];
        var a5 = rows[5];
        var c00 = Vector256<float>.Zero;
        var c01 = Vector256<float>.Zero;
        var c10 = Vector256<float>.Zero;
        var c11 = Vector256<float>.Zero;
        var c20 = Vector256<float>.Zero;
        var c21 = Vector256<float>.Zero;
        var c30 = Vector256<float>.Zero;
        var c31 = Vector256<float>.Zero;
        var c40 = Vector256<float>.Zero;
        var c41 = Vector256<float>.Zero;
        var c50 = Vector256<float>.Zero;
        var c51 = Vector256<float>.Zero;
        for (var p = 0; p < k; p++)
        {
            var row = b + bOffsets[p];
            var b0 = Vector256.Load(row);
            var b1 = Vector256.Load(row + 8);
            var av = Vector256.Create(a0[p]);
            c00 = Fma.MultiplyAdd(av, b0, c00);
            c01 = Fma.MultiplyAdd(av, b1, c01);
            av = Vector256.Create(a1[p]);
            c10 = Fma.MultiplyAdd(av, b0, c10);
            c11 = Fma.MultiplyAdd(av, b1, c11);
            av = Vector256.Create(a2[p]);
            c20 = Fma.MultiplyAdd(av, b0, c20);
            c21 = Fma.MultiplyAdd(av, b1, c21);
            av = Vector256.Create(a3[p]);
            c30 = Fma.MultiplyAdd(av, b0, c30);
            c31 = Fma.MultiplyAdd(av, b1, c31);
            av = Vector256.Create(a4[p]);
            c40 = Fma.MultiplyAdd(av, b0, c40);
            c41 = Fma.MultiplyAdd(av, b1, c41);
            av = Vector256.Create(a5[p]);
            c50 = Fma.MultiplyAdd(av, b0, c50);
            c51 = Fma.MultiplyAdd(av, b1, c51);
        }

        Store(c, c00, c01, accumulate);
        Store(c + ldc, c10, c11, accumulate);
        Store(c + (2 * ldc), c20, c21, accumulate);
        Store(c + (3 * ldc), c30, c31, accumulate);
        Store(c + (4 * ldc), c40, c41, accumulate);
        Store(c + (5 * ldc), c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
        }

        Vector256.Store(v0, c);
        Vector256.Store(v1, c + 8);
    }

    /// <summary>
    /// padded = the image with its padding as zeros, Wp columns per row (split into its stride phases when the stride
    /// is above 1), then <see cref="Slack"/> zeros.
    /// </summary>
    private static void Pad(Conv2dShape g, float* image, float* padded)
    {
        var (h, w) = (g.Height, g.Width);
        var (sh, sw) = (g.StrideHeight, g.StrideWidth);
        if (sh != 1 || sw != 1)
        {
            new Span<float>(padded, checked((int)PaddedImageSize(g))).Clear();
            var width = GridWidth(g);
            var plane = PhasePlane(g);
            for (var ci = 0; ci < g.Channels; ci++)
            {
                var source = image + ((long)ci * h * w);
                for (var y = 0; y < h; y++)
                {
                    var py = y + g.PadTop;
                    var phaseRow = padded + ((((long)ci * sh) + (py % sh)) * sw * plane) + (py / sh * width);
                    var row = source + ((long)y * w) - g.PadLeft;

                    // Padded column X = qx + sw·j lands in phase qx at column j; input column X − padLeft.
                    for (var qx = 0; qx < sw; qx++)
                    {
                        var phase = phaseRow + (qx * plane);
                        var first = Math.Max(0, (g.PadLeft - qx + sw - 1) / sw);
                        var last = (g.PadLeft + w - 1 - qx) / sw;
                        for (var j = first; j <= last; j++)
                        {
                            phase[j] = row[qx + (sw * j)];
                        }
                    }
                }
            }

            return;
        }

        var wp = PaddedWidth(g);
        var hp = PaddedHeight(g);
        var dst = padded;
        for (var ci = 0; ci < g.Channels; ci++)
        {
            var plane = image + ((long)ci * h * w);
            new Span<float>(dst, g.PadTop * wp).Clear();
            dst += g.PadTop * wp;
            for (var y = 0; y < h; y++)
            {
                new Span<float>(dst, g.PadLeft).Clear();
                new ReadOnlySpan<float>(plane + ((long)y * w), w).CopyTo(new Span<float>(dst + g.PadLeft, w));
                new Span<float>(dst + g.PadLeft + w, g.PadRight).Clear();
                dst += wp;
            }

            new Span<float>(dst, (hp - g.PadTop - h) * wp).Clear();
            dst += (hp - g.PadTop - h) * wp;
        }

        new Span<float>(dst, Slack).Clear();
    }

    /// <summary>transposed[p, co] = outputGrad[co, oy, ox] at grid column p = oy·Wp + ox, zero where ox ≥ OW or co ≥ channels.</summary>
    private static void TransposeOntoGrid(Conv2dShape g, float* outputGrad, float* transposed)
    {
        var cs = ChannelStride(g);
        var wp = GridWidth(g);
        var (oh, ow) = (g.OutHeight, g.OutWidth);
        var m = g.OutChannels;
        var pixels = g.OutPixels;
        new Span<float>(transposed, checked((int)TransposedGradientSize(g))).Clear();
        for (var co = 0; co < m; co++)
        {
            var src = outputGrad + ((long)co * pixels);
            for (var oy = 0; oy < oh; oy++)
            {
                var dst = transposed + ((long)oy * wp * cs) + co;
                var row = src + (oy * ow);
                for (var ox = 0; ox < ow; ox++)
                {
                    dst[(long)ox * cs] = row[ox];
                }
            }
        }
    }

    /// <summary>
    /// output (=, or +=) tile (+ bias) for channels [channelStart, channelEnd) and the strip's grid columns that are
    /// real output columns.
    /// </summary>
    private static void WriteStrip(
        Conv2dShape g, float* tile, int first, int channelStart, int channelEnd, float* bias, float* output, bool accumulate)
    {
        var wp = GridWidth(g);
        var (oh, ow) = (g.OutHeight, g.OutWidth);
        var pixels = g.OutPixels;
        var m = g.OutChannels;
        var j = 0;
        while (j < Nr)
        {
            var p = first + j;
            var oy = p / wp;
            var ox = p - (oy * wp);
            if (oy >= oh)
            {
                break;
            }

            if (ox >= ow)
            {
                // A discarded column: skip to the next row's first.
                j += wp - ox;
                continue;
            }

            var length = Math.Min(ow - ox, Nr - j);
            var target = output + (oy * ow) + ox;
            for (var co = channelStart; co < channelEnd; co++)
            {
                var src = tile + (co * Nr) + j;
                var dst = target + ((long)co * pixels);
                if (accumulate)
                {
                    for (var t = 0; t < length; t++)
                    {
                        dst[t] += src[t];
                    }
                }
                else
                {
                    var add = bias == null ? 0f : bias[co];
                    for (var t = 0; t < length; t++)
                    {
                        dst[t] = src[t] + add;
                    }
                }
            }

            j += length;
        }
    }

    private static int* Offsets(Conv2dShape g, float* prepared) => (int*)prepared;

    private static int PaddedWidth(Conv2dShape g) => g.Width + g.PadLeft + g.PadRight;

    private static int PaddedHeight(Conv2dShape g) => g.Height + g.PadTop + g.PadBottom;

    /// <summary>Columns per row of the grid outputs are computed on: the padded width, divided among the stride's phases.</summary>
    private static int GridWidth(Conv2dShape g) => (PaddedWidth(g) + g.StrideWidth - 1) / g.StrideWidth;

    /// <summary>Floats of one phase plane of one channel.</summary>
    private static int PhasePlane(Conv2dShape g) => (PaddedHeight(g) + g.StrideHeight - 1) / g.StrideHeight * GridWidth(g);

    /// <summary>Grid columns of one image that reach a real output: all rows but the last in full, then OW.</summary>
    private static int GridColumns(Conv2dShape g) => ((g.OutHeight - 1) * GridWidth(g)) + g.OutWidth;

    private static int ChannelStride(Conv2dShape g) => RoundUp(g.OutChannels, Nr);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
