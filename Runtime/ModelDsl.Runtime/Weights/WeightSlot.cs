namespace ModelDsl.Runtime.Weights;

/// <summary>A tensor a model expects to load: its name and shape (see <see cref="WeightBinder"/>).</summary>
public sealed record WeightSlot(string Name, long[] Shape);
