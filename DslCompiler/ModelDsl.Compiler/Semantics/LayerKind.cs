namespace ModelDsl.Compiler.Semantics;

/// <summary>The layer catalog (LANGUAGE.md §5). Each kind has one <see cref="LayerArguments"/> record type.
/// <c>relu()</c>, <c>sigmoid()</c>, …, <c>leaky_relu()</c> and <c>activation(name)</c> are all
/// <see cref="Activation"/> layers; <see cref="CheckedLayer.Type"/> keeps the name as written.</summary>
public enum LayerKind
{
    Dense,
    Conv2d,
    MaxPool2d,
    AvgPool2d,
    GlobalAvgPool2d,
    GlobalMaxPool2d,
    Flatten,
    Dropout,
    BatchNorm,
    ZeroPad2d,
    Activation,
    Add,
    Concat,
    Reshape,
}
