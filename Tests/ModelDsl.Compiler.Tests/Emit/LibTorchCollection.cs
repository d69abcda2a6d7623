using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Tests that run libtorch: one at a time and not beside other classes, since libtorch takes every core (timed tests
/// elsewhere in this project would otherwise measure its load).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibTorchCollection
{
    public const string Name = "libtorch";
}
