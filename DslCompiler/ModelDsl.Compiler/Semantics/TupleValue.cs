using System.Linq;

namespace ModelDsl.Compiler.Semantics;

public sealed record TupleValue(EquatableArray<ConstantValue> Items) : ConstantValue
{
    public override string ToString() => "(" + string.Join(", ", Items.Select(i => i.ToString())) + ")";
}
