namespace ModelDsl.Runtime.Onnx;

/// <summary>Explicit zero padding of the two spatial axes: rows at the top and bottom, columns at the left and right.</summary>
public readonly record struct Pads(long Top, long Bottom, long Left, long Right);
