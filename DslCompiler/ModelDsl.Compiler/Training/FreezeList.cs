namespace ModelDsl.Compiler.Training;

/// <summary>A checked <c>freeze</c> list: the module paths (redundant entries removed) and their trainable parameters.</summary>
internal sealed record FreezeList(EquatableArray<string> Paths, long FrozenParameters);
