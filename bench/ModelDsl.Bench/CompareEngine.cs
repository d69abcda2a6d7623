namespace ModelDsl.Bench;

/// <summary>The columns of `compare`.</summary>
internal enum CompareEngine
{
    /// <summary>Our Cpu engine (`train --engine cpu`).</summary>
    Cpu,

    /// <summary>The same network hand-written in TorchSharp-cpu (`train --engine torchsharp`).</summary>
    TorchSharp,

    /// <summary>The trainer the generator emits for the TorchSharp backend (bench/ModelDsl.Bench.Generated).</summary>
    Generated,

    /// <summary>PyTorch 1.13 of /usr/bin/python3 (bench/pytorch_train.py).</summary>
    PyTorch,
}
