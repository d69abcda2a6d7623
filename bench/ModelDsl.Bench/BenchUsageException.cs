using System;

namespace ModelDsl.Bench;

/// <summary>A bad command-line option; reported as one line and exit code 2.</summary>
internal sealed class BenchUsageException : Exception
{
    public BenchUsageException(string message)
        : base(message)
    {
    }
}
