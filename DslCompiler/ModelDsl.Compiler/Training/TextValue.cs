namespace ModelDsl.Compiler.Training;

/// <summary>A string as written in the <c>.model</c> file (paths stay relative to that file; column names).</summary>
public sealed record TextValue(string Value) : ArgumentValue
{
    public override string ToString() => "\"" + Value + "\"";
}
