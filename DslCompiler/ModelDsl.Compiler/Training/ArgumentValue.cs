namespace ModelDsl.Compiler.Training;

/// <summary>
/// The checked value of one argument of a training call (<c>adam(lr: 0.001)</c>, <c>flip(horizontal: true)</c>).
/// A closed set of value-equal records, so checked trainings compare by content and emitters switch on the type.
/// </summary>
public abstract record ArgumentValue
{
    // Only the nested kinds below derive from it: emitters may switch exhaustively.
    private protected ArgumentValue()
    {
    }
}
