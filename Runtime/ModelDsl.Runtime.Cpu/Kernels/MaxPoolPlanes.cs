namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>The pinned buffers and plane size of one <see cref="MaxPool2dKernel"/> call.</summary>
internal readonly unsafe struct MaxPoolPlanes
{
    public MaxPoolPlanes(float* input, float* output, int* argmax, int height, int width)
    {
        Input = input;
        Output = output;
        Argmax = argmax;
        Height = height;
        Width = width;
    }

    public float* Input { get; }

    public float* Output { get; }

    /// <summary>Winner indices within each input plane, or null.</summary>
    public int* Argmax { get; }

    public int Height { get; }

    public int Width { get; }
}
