namespace ModelDsl.Runtime.Weights;

/// <summary>The element types of the safetensors format that ModelDsl reads (all become float32 on load).</summary>
internal enum SafetensorsDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    Bool,
}
