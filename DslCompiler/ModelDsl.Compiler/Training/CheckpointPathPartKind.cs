namespace ModelDsl.Compiler.Training;

/// <summary>The pieces of a checkpoint path pattern.</summary>
public enum CheckpointPathPartKind
{
    /// <summary>Text copied as is.</summary>
    Literal,

    /// <summary><c>{epoch}</c> or <c>{epoch:0N}</c>: the 1-based epoch number, zero-padded to <c>Width</c> digits.</summary>
    Epoch,

    /// <summary><c>{monitor}</c> or <c>{monitor:.Nf}</c>: the monitored value with <c>Decimals</c> digits (4 by default).</summary>
    Monitor,

    /// <summary><c>{val_loss}</c> or <c>{val_loss:.2f}</c>: a recorded quantity named in <c>Text</c>, with <c>Decimals</c> digits (4 by default).</summary>
    Quantity,
}
