using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Training;

/// <summary>One model input as the generated trainer declares it: its name and per-example shape (-1 for a symbolic size).</summary>
public sealed record InputShape(string Name, IReadOnlyList<long> Dims)
{
    /// <summary>Whether an example of <paramref name="shape"/> fits: the same rank and every concrete size equal.</summary>
    public bool Accepts(IReadOnlyList<int> shape) =>
        shape.Count == Dims.Count && Dims.Select((d, i) => d < 0 || d == shape[i]).All(ok => ok);

    public override string ToString() => "[" + string.Join(", ", Dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
