using System;
using System.Linq;
using BenchmarkDotNet.Running;
using ModelDsl.Bench;

// Bench entry point: `train` (one engine on Fashion-MNIST), `compare` (every engine interleaved, with ratios), `infer`
// (inference latency/throughput, Cpu engine vs TorchSharp),
// `gemm` (GEMM GFLOP/s on the shapes training uses), `generator` (BenchmarkDotNet suites in this assembly, e.g.
// Generator/); `spin` is compare's busy background process. See bench/README.md.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ModelDsl.Bench " + TrainCommand.Usage);
    Console.Error.WriteLine("       ModelDsl.Bench " + CompareCommand.Usage);
    Console.Error.WriteLine("       ModelDsl.Bench " + InferCommand.Usage);
    Console.Error.WriteLine("       ModelDsl.Bench gemm|generator [options]");
    return 2;
}

var rest = args.Skip(1).ToArray();
try
{
    return args[0] switch
    {
        "train" => TrainCommand.Run(rest),
        "compare" => CompareCommand.Run(rest),
        "infer" => InferCommand.Run(rest),
        "spin" => SpinCommand.Run(),
        "gemm" => GemmCommand.Run(rest),
        "conv" => ConvCommand.Run(rest),
        "generator" => RunBenchmarkDotNet(rest),
        _ => Unknown(args[0]),
    };
}
catch (BenchUsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(GemmCommand).Assembly).Run(rest);
    return 0;
}

static int Unknown(string command)
{
    Console.Error.WriteLine($"error: unknown command '{command}'; expected train, compare, infer, gemm or generator.");
    return 2;
}
