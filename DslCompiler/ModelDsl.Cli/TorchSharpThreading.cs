using System;
using ModelDsl.Runtime.Threading;

namespace ModelDsl.Cli;

/// <summary>libtorch's threading for <c>train --backend torchsharp</c>: one intra-op thread per core, and idle OpenMP
/// threads that sleep rather than spin (set before libtorch loads, unless the user set a policy).</summary>
internal static class TorchSharpThreading
{
    /// <summary>Applies the settings and describes them in one line.</summary>
    public static string Configure()
    {
        var policy = OpenMpWaitPolicy.PreferPassive();
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        return $"Backend: TorchSharp (libtorch CPU), {TorchSharp.torch.get_num_threads()} threads (one per core); {policy}";
    }
}
