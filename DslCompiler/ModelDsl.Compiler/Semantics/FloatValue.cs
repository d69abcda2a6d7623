using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

public sealed record FloatValue(double Value) : ConstantValue
{
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}
