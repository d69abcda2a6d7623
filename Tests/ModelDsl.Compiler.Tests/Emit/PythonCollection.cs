using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>The tests that run Python (PyTorch) processes: run alone, after the parallel tests, so their CPU load does not
/// slow the timing assertions of other tests on a small CI machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PythonCollection
{
    public const string Name = "Python processes";
}
