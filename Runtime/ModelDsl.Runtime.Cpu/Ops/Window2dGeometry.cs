namespace ModelDsl.Runtime.Cpu;

/// <summary>Resolved sizes of one 2-D pooling window over [N, C, H, W] (everything the pooling loops need).</summary>
internal readonly record struct Window2dGeometry(
    int Batch,
    int Channels,
    int Height,
    int Width,
    int KernelH,
    int KernelW,
    int StrideH,
    int StrideW,
    int DilationH,
    int DilationW,
    int PadTop,
    int PadLeft,
    int OutH,
    int OutW)
{
    public int InPlane => Height * Width;

    public int OutPlane => OutH * OutW;

    public static Window2dGeometry Create(
        string op, int[] inputShape, (int H, int W) kernel, (int H, int W) stride, Padding2d padding, (int H, int W) dilation)
    {
        if (kernel.H < 1 || kernel.W < 1 || stride.H < 1 || stride.W < 1 || dilation.H < 1 || dilation.W < 1)
        {
            throw new System.ArgumentException($"{op}: kernel ({kernel.H}, {kernel.W}), stride ({stride.H}, {stride.W}) and dilation ({dilation.H}, {dilation.W}) must be at least 1");
        }

        int h = inputShape[2], w = inputShape[3];
        var p = padding.Resolve(h, w, kernel, stride, dilation);
        var outH = Padding2d.OutputSize(h, p.Top, p.Bottom, kernel.H, stride.H, dilation.H, op);
        var outW = Padding2d.OutputSize(w, p.Left, p.Right, kernel.W, stride.W, dilation.W, op);
        return new Window2dGeometry(inputShape[0], inputShape[1], h, w, kernel.H, kernel.W, stride.H, stride.W, dilation.H, dilation.W, p.Top, p.Left, outH, outW);
    }
}
