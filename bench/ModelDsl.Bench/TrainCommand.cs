namespace ModelDsl.Bench;

/// <summary>`train`: placeholder until the engine lands (see the kernels report).</summary>
internal static class TrainCommand
{
    public static int Run(string[] args)
    {
        _ = args;
        throw new BenchUsageException("train needs the Cpu engine (dense, conv2d, Adam), which is not merged yet.");
    }
}
