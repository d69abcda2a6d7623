using System.Globalization;

namespace ModelDsl.Compiler.Training;

/// <summary>A number (integers are numbers whose parameter type is integer; the checker has verified that).</summary>
public sealed record NumberValue(double Value) : ArgumentValue
{
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}
