using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.State;

/// <summary>
/// One named tensor of a state file. <see cref="Data"/> is a <c>float[]</c>, <c>double[]</c> or <c>long[]</c>
/// according to <see cref="DType"/>.
/// </summary>
public sealed record StateEntry(StateEntryKind Kind, string Name, StateDType DType, IReadOnlyList<int> Shape, Array Data);
