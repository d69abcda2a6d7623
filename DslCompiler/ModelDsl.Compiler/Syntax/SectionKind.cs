namespace ModelDsl.Compiler.Syntax;

/// <summary>The three sections of the composable design pattern.</summary>
public enum SectionKind
{
    Stem,
    Learner,
    Task,
}
