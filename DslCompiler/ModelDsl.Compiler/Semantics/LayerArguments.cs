namespace ModelDsl.Compiler.Semantics;

/// <summary>The fully resolved arguments of one layer: defaults filled in, tuples expanded, padding made explicit, input
/// sizes an emitter needs (in-features, in-channels) included. One sealed subtype per <see cref="LayerKind"/>.</summary>
public abstract record LayerArguments;
