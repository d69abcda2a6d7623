using System;
using System.Linq;
using BenchmarkDotNet.Running;
using ModelDsl.Bench;

// Bench entry point: `train` (Cpu engine on Fashion-MNIST), `gemm` (GEMM GFLOP/s on the shapes training uses),
// `generator` (BenchmarkDotNet suites in this assembly, e.g. Generator/).
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ModelDsl.Bench train|gemm|generator [options]  (train --help for options)");
    return 2;
}

var rest = args.Skip(1).ToArray();
try
{
    return args[0] switch
    {
        "train" => TrainCommand.Run(rest),
        "gemm" => GemmCommand.Run(rest),
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
    Console.Error.WriteLine($"error: unknown command '{command}'; expected train, gemm or generator.");
    return 2;
}
