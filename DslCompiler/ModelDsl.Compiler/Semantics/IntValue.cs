using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

public sealed record IntValue(long Value) : ConstantValue
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
