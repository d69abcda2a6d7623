namespace ModelDsl.Runtime.Cpu.State;

/// <summary>What a named tensor in a state file is.</summary>
public enum StateEntryKind : byte
{
    /// <summary>A module parameter (dotted name).</summary>
    Parameter = 1,

    /// <summary>A module buffer (dotted name).</summary>
    Buffer = 2,

    /// <summary>An optimiser tensor: <c>{parameter}.{slot}</c>, <c>{parameter}.step</c>, <c>{parameter}.scalar</c>.</summary>
    Optimizer = 3,
}
