using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>Copies of every parameter and buffer, by dotted name (early stopping's restore-best, NaN recovery).</summary>
internal sealed record WeightSnapshot(IReadOnlyDictionary<string, float[]> Values);
