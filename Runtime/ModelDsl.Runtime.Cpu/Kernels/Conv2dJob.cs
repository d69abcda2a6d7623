using System;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// One <see cref="Conv2dKernel"/> call, split into chunks of images claimed by the kernel threads (weight gradients
/// go to a partial per chunk, summed at the end). A chunk takes one of three routes:
/// <list type="bullet">
/// <item><see cref="OffsetConv2d"/> for stride-1 layers: the multiply reads a padded copy of each image in place;</item>
/// <item><see cref="ImplicitConv2d"/> for other ungrouped forwards: im2col strips gathered into the micro-kernel's panel;</item>
/// <item>otherwise im2col into the thread's column buffer, one GEMM per group, scatter to NCHW.</item>
/// </list>
/// Reused per calling thread.
/// </summary>
internal sealed unsafe class Conv2dJob : IParallelWork
{
    [ThreadStatic]
    private static Conv2dJob? _cached;

    private Conv2dPass _pass;
    private Conv2dShape? _geometry;
    private float* _image;
    private float* _weight;
    private float* _bias;
    private float* _output;
    private bool _accumulate;
    private float* _partials;
    private int _gemmThreads;
    private int _chunk;

    private Conv2dRoute _route;

    /// <summary>Offset route: work units (images × slices) and slices per image.</summary>
    private int _units;
    private int _slices;

    /// <summary>The operand <see cref="OffsetConv2d.Prepare"/> or <see cref="ImplicitConv2d.Prepare"/> made.</summary>
    private float* _prepared;

    private enum Conv2dRoute
    {
        Im2Col,
        Implicit,
        Offset,
    }

    /// <summary>
    /// Forward: image = input, weight, bias, output = output. BackwardInput: image = input gradient, output = output
    /// gradient. BackwardWeight: image = input, weight = weight gradient, bias = bias gradient, output = output gradient.
    /// </summary>
    public static void Run(
        Conv2dPass pass, Conv2dShape geometry, float* image, float* weight, float* bias, float* output, bool accumulate,
        int threads)
    {
        if (pass == Conv2dPass.BackwardInput && TransposedForward(geometry) is { } transposed)
        {
            // The input gradient of a stride-1 convolution is the full convolution of the output gradient with the
            // flipped, transposed kernel: the implicit forward computes it without a column matrix or col2im.
            var flipped = KernelScratch.ForCurrentThread().Get(4, geometry.WeightSize);
            FlipAndTranspose(geometry, weight, flipped);
            Run(Conv2dPass.Forward, transposed, output, flipped, null, image, accumulate, threads);
            return;
        }

        var job = _cached ?? new Conv2dJob();
        _cached = null;
        try
        {
            // The implicit route splits by images only: for fewer images than threads, im2col's GEMM (which splits
            // its columns) keeps every thread busy.
            var route = pass != Conv2dPass.BackwardInput && OffsetConv2d.Serves(geometry, weightGradient: pass == Conv2dPass.BackwardWeight) ? Conv2dRoute.Offset
                : pass == Conv2dPass.Forward && ImplicitConv2d.Serves(geometry) && geometry.Batch >= threads ? Conv2dRoute.Implicit
                : Conv2dRoute.Im2Col;

            // The im2col routes need chunks wide enough for an efficient GEMM; the offset route works in units of
            // an image (or a slice of one, for small batches), so small chunks let a late thread's share be taken over.
            var units = geometry.Batch;
            job._slices = 1;
            if (route == Conv2dRoute.Offset)
            {
                units = OffsetConv2d.Units(geometry, threads, forward: pass == Conv2dPass.Forward, out job._slices);
            }

            var chunk = route == Conv2dRoute.Offset
                ? Math.Max(1, units / (4 * threads))
                : Math.Min(Conv2dKernel.ChunkImages(geometry), (geometry.Batch + threads - 1) / threads);
            var parts = (units + chunk - 1) / chunk;
            job._units = units;
            job._route = route;
            job._chunk = chunk;
            job._pass = pass;
            job._geometry = geometry;
            job._image = image;
            job._weight = weight;
            job._bias = bias;
            job._output = output;
            job._accumulate = accumulate;
            job._gemmThreads = threads; // nested inside a parallel part, GEMM runs on its thread
            var partialSize = route == Conv2dRoute.Offset
                ? OffsetConv2d.PartialSize(geometry)
                : (long)geometry.WeightSize + geometry.OutChannels;
            job._partials = pass == Conv2dPass.BackwardWeight
                ? KernelScratch.ForCurrentThread().Get(2, partialSize * parts)
                : null;
            job._prepared = null;
            if (route == Conv2dRoute.Offset)
            {
                job._prepared = KernelScratch.ForCurrentThread().Get(3, OffsetConv2d.PreparedSize(geometry));
                OffsetConv2d.Prepare(geometry, job._prepared);
            }
            else if (route == Conv2dRoute.Implicit)
            {
                job._prepared = KernelScratch.ForCurrentThread().Get(3, ImplicitConv2d.PreparedSize(geometry));
                ImplicitConv2d.Prepare(geometry, weight, job._prepared);
            }

            KernelThreads.Run(job, parts, threads);
            if (pass == Conv2dPass.BackwardWeight && route == Conv2dRoute.Offset)
            {
                OffsetConv2d.ReducePartials(geometry, job._partials, parts, weight, bias, accumulate);
            }
            else if (pass == Conv2dPass.BackwardWeight)
            {
                job.ReduceWeightGradients(parts, partialSize);
            }
        }
        finally
        {
            job._geometry = null;
            _cached = job;
        }
    }

    public void Execute(int part, int parts)
    {
        var g = _geometry!;
        var chunk = _chunk;
        var start = part * chunk;
        var end = Math.Min(g.Batch, start + chunk);
        var scratch = KernelScratch.ForCurrentThread();
        if (_route == Conv2dRoute.Offset)
        {
            var padded = scratch.Get(0, OffsetConv2d.PaddedImageSize(g));
            var lastUnit = Math.Min(_units, start + chunk);
            if (_pass == Conv2dPass.Forward)
            {
                OffsetConv2d.Forward(
                    g, _image, _weight, _prepared, _bias, _output, start, lastUnit, _slices, _accumulate, padded, scratch.Get(1, OffsetConv2d.TileSize(g)));
            }
            else
            {
                OffsetConv2d.BackwardWeight(
                    g, _image, _prepared, _output, start, lastUnit, _slices, _partials + (part * OffsetConv2d.PartialSize(g)), padded,
                    scratch.Get(1, OffsetConv2d.TransposedGradientSize(g)));
            }

            return;
        }

        if (_route == Conv2dRoute.Implicit)
        {
            ImplicitConv2d.Run(
                g, _image, _prepared, _bias, _output, start, end, _accumulate, scratch.Get(0, ImplicitConv2d.PanelSize),
                scratch.Get(1, ImplicitConv2d.TileSize(g)));
            return;
        }

        var columns = (long)chunk * g.OutPixels;
        var col = scratch.Get(0, g.PatchSize * (long)ColumnStride(chunk * g.OutPixels));
        var gathered = scratch.Get(1, g.GroupOutChannels * columns);
        var partial = _partials + (part * ((long)g.WeightSize + g.OutChannels));
        for (var n0 = start; n0 < end; n0 += chunk)
        {
            var n1 = Math.Min(end, n0 + chunk);
            switch (_pass)
            {
                case Conv2dPass.Forward:
                    ForwardChunk(g, n0, n1, col, gathered);
                    break;
                case Conv2dPass.BackwardInput:
                    BackwardInputChunk(g, n0, n1, col, gathered);
                    break;
                default:
                    BackwardWeightChunk(g, n0, n1, col, gathered, partial, first: n0 == start);
                    break;
            }
        }

        if (_pass == Conv2dPass.BackwardWeight)
        {
            if (start == end)
            {
                new Span<float>(partial, g.WeightSize).Clear();
            }

            Conv2dKernel.SumPlanes(g, _output, start, end, partial + g.WeightSize);
        }
    }

    private void ForwardChunk(Conv2dShape g, int n0, int n1, float* col, float* gathered)
    {
        var pixels = g.OutPixels;
        var images = n1 - n0;
        var columns = images * pixels;
        var ldCol = ColumnStride(columns);
        var imageSize = (long)g.Channels * g.Height * g.Width;
        for (var group = 0; group < g.Groups; group++)
        {
            for (var i = 0; i < images; i++)
            {
                Im2Col.Pack(g, _image + ((n0 + i) * imageSize), group * g.GroupChannels, g.GroupChannels, col, ldCol, i * pixels);
            }

            var weight = _weight + ((long)group * g.GroupOutChannels * g.PatchSize);
            var direct = images == 1;
            var target = direct ? _output + ((((long)n0 * g.OutChannels) + (group * g.GroupOutChannels)) * pixels) : gathered;
            Gemm.Multiply(
                false, false, g.GroupOutChannels, columns, g.PatchSize, 1f, weight, g.PatchSize, col, ldCol, 0f, target,
                columns, _gemmThreads);

            for (var i = 0; i < images; i++)
            {
                for (var co = 0; co < g.GroupOutChannels; co++)
                {
                    var channel = (group * g.GroupOutChannels) + co;
                    var dst = new Span<float>(_output + ((((long)(n0 + i) * g.OutChannels) + channel) * pixels), pixels);
                    if (!direct)
                    {
                        new ReadOnlySpan<float>(gathered + ((long)co * columns) + (i * pixels), pixels).CopyTo(dst);
                    }

                    if (_bias != null)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, _bias[channel], dst);
                    }
                }
            }
        }
    }

    private void BackwardInputChunk(Conv2dShape g, int n0, int n1, float* col, float* gathered)
    {
        var pixels = g.OutPixels;
        var images = n1 - n0;
        var columns = images * pixels;
        var ldCol = ColumnStride(columns);
        var imageSize = (long)g.Channels * g.Height * g.Width;
        if (!_accumulate)
        {
            new Span<float>(_image + (n0 * imageSize), checked((int)(images * imageSize))).Clear();
        }

        for (var group = 0; group < g.Groups; group++)
        {
            var outputGrad = GatherOutput(g, n0, images, group, gathered);
            var weight = _weight + ((long)group * g.GroupOutChannels * g.PatchSize);
            Gemm.Multiply(
                true, false, g.PatchSize, columns, g.GroupOutChannels, 1f, weight, g.PatchSize, outputGrad, columns, 0f, col,
                ldCol, _gemmThreads);
            for (var i = 0; i < images; i++)
            {
                Im2Col.Accumulate(g, col, ldCol, i * pixels, _image + ((n0 + i) * imageSize), group * g.GroupChannels, g.GroupChannels);
            }
        }
    }

    private void BackwardWeightChunk(Conv2dShape g, int n0, int n1, float* col, float* gathered, float* partial, bool first)
    {
        var pixels = g.OutPixels;
        var images = n1 - n0;
        var columns = images * pixels;
        var ldCol = ColumnStride(columns);
        var imageSize = (long)g.Channels * g.Height * g.Width;
        for (var group = 0; group < g.Groups; group++)
        {
            for (var i = 0; i < images; i++)
            {
                Im2Col.Pack(g, _image + ((n0 + i) * imageSize), group * g.GroupChannels, g.GroupChannels, col, ldCol, i * pixels);
            }

            var outputGrad = GatherOutput(g, n0, images, group, gathered);
            var weightGrad = partial + ((long)group * g.GroupOutChannels * g.PatchSize);
            Gemm.Multiply(
                false, true, g.GroupOutChannels, g.PatchSize, columns, 1f, outputGrad, columns, col, ldCol, first ? 0f : 1f,
                weightGrad, g.PatchSize, _gemmThreads);
        }
    }

    /// <summary>The output (gradient) of one group for a chunk as a [groupOutChannels, images·pixels] matrix.</summary>
    private float* GatherOutput(Conv2dShape g, int n0, int images, int group, float* gathered)
    {
        var pixels = g.OutPixels;
        var first = _output + ((((long)n0 * g.OutChannels) + (group * g.GroupOutChannels)) * pixels);
        if (images == 1)
        {
            return first;
        }

        var columns = images * pixels;
        for (var i = 0; i < images; i++)
        {
            for (var co = 0; co < g.GroupOutChannels; co++)
            {
                var src = first + ((((long)i * g.OutChannels) + co) * pixels);
                new ReadOnlySpan<float>(src, pixels).CopyTo(new Span<float>(gathered + ((long)co * columns) + (i * pixels), pixels));
            }
        }

        return gathered;
    }

    /// <summary>
    /// Row stride of a column matrix: its width rounded up to whole 64-byte lines, plus one line when that is a
    /// multiple of 1 KiB. Rows a power of two apart fall into the same L1 sets, so the micro-kernel, which reads a
    /// strip of B one row after another, would evict its own strip: with 2,048 columns (two 32×32 images) the
    /// GEMM ran at half speed.
    /// </summary>
    private static int ColumnStride(int columns)
    {
        var stride = (columns + 15) & ~15;
        return stride % 256 == 0 ? stride + 16 : stride;
    }

    /// <summary>
    /// The forward geometry whose output is this one's input gradient — stride 1, no dilation, one group, padding
    /// at most kernel − 1 — when the implicit kernel serves it and it costs at most a quarter more multiplies than
    /// im2col's route (a "same" convolution costs the same; a "valid" one on a small map costs far more); else null.
    /// </summary>
    private static Conv2dShape? TransposedForward(Conv2dShape g)
    {
        if (g.Groups != 1 || g.StrideHeight != 1 || g.StrideWidth != 1 || g.DilationHeight != 1 || g.DilationWidth != 1 ||
            g.PadTop >= g.KernelHeight || g.PadBottom >= g.KernelHeight || g.PadLeft >= g.KernelWidth || g.PadRight >= g.KernelWidth ||
            (long)g.Height * g.Width * 4 > (long)g.OutPixels * 5)
        {
            return null;
        }

        var transposed = new Conv2dShape(
            g.Batch, g.OutChannels, g.OutHeight, g.OutWidth, g.Channels, g.KernelHeight, g.KernelWidth,
            padTop: g.KernelHeight - 1 - g.PadTop, padBottom: g.KernelHeight - 1 - g.PadBottom,
            padLeft: g.KernelWidth - 1 - g.PadLeft, padRight: g.KernelWidth - 1 - g.PadRight);
        return OffsetConv2d.Serves(transposed, weightGradient: false) || ImplicitConv2d.Serves(transposed) ? transposed : null;
    }

    /// <summary>flipped[ci, co, KH−1−ky, KW−1−kx] = weight[co, ci, ky, kx].</summary>
    private static void FlipAndTranspose(Conv2dShape g, float* weight, float* flipped)
    {
        var area = g.KernelHeight * g.KernelWidth;
        for (var co = 0; co < g.OutChannels; co++)
        {
            for (var ci = 0; ci < g.Channels; ci++)
            {
                var src = weight + ((((long)co * g.Channels) + ci) * area);
                var dst = flipped + ((((long)ci * g.OutChannels) + co) * area);
                for (var t = 0; t < area; t++)
                {
                    dst[area - 1 - t] = src[t];
                }
            }
        }
    }

    private void ReduceWeightGradients(int parts, long partialSize)
    {
        var g = _geometry!;
        var weightGrad = new Span<float>(_weight, g.WeightSize);
        var biasGrad = _bias == null ? Span<float>.Empty : new Span<float>(_bias, g.OutChannels);
        for (var part = 0; part < parts; part++)
        {
            var partial = _partials + (part * partialSize);
            var weightPart = new ReadOnlySpan<float>(partial, g.WeightSize);
            var biasPart = new ReadOnlySpan<float>(partial + g.WeightSize, g.OutChannels);
            if (part == 0 && !_accumulate)
            {
                weightPart.CopyTo(weightGrad);
                if (!biasGrad.IsEmpty)
                {
                    biasPart.CopyTo(biasGrad);
                }
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Add(weightGrad, weightPart, weightGrad);
                if (!biasGrad.IsEmpty)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(biasGrad, biasPart, biasGrad);
                }
            }
        }
    }
}
