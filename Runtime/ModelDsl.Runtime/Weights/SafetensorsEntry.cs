namespace ModelDsl.Runtime.Weights;

/// <summary>One tensor as the header of a safetensors file describes it, already validated against the file's size.</summary>
/// <param name="Name">The key.</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Begin">First byte of the data, relative to the start of the data section.</param>
/// <param name="End">One past the last byte.</param>
internal sealed record SafetensorsEntry(string Name, SafetensorsDType DType, long[] Shape, long Begin, long End);
