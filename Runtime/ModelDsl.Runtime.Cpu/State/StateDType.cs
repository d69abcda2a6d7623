namespace ModelDsl.Runtime.Cpu.State;

/// <summary>Element type of a stored tensor.</summary>
public enum StateDType : byte
{
    /// <summary>IEEE float32, 4 bytes little-endian.</summary>
    Float32 = 1,

    /// <summary>IEEE float64, 8 bytes little-endian.</summary>
    Float64 = 2,

    /// <summary>Signed 64-bit integer, 8 bytes little-endian.</summary>
    Int64 = 3,
}
