using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.State;

/// <summary>Everything a state file holds: format version, named tensors, metadata.</summary>
public sealed record StateContents(uint Version, IReadOnlyList<StateEntry> Entries, IReadOnlyDictionary<string, string> Metadata);
