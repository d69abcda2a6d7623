namespace ModelDsl.Compiler.Semantics;

public enum ModuleKind
{
    /// <summary>The model itself (the root).</summary>
    Model,

    /// <summary><c>stem</c>, <c>learner</c> or <c>task</c>.</summary>
    Section,

    /// <summary>An instance of a <c>block</c> declaration.</summary>
    Block,

    /// <summary>An instance of a <c>group</c> declaration.</summary>
    Group,
}
