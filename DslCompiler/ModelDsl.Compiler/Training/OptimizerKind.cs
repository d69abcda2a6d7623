namespace ModelDsl.Compiler.Training;

/// <summary>The optimisers of LANGUAGE.md §6.</summary>
public enum OptimizerKind
{
    Sgd,
    Adam,
    AdamW,
    RmsProp,
    Adagrad,
    Adadelta,
    Adamax,
    NAdam,
}
