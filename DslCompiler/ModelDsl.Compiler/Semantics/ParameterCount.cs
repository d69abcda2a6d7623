using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Parameter counts with Keras' conventions: batch-norm running statistics are non-trainable.</summary>
public sealed record ParameterCount(long Trainable, long NonTrainable)
{
    public static readonly ParameterCount Zero = new(0, 0);

    public long Total => Trainable + NonTrainable;

    public static ParameterCount operator +(ParameterCount left, ParameterCount right) =>
        new(left.Trainable + right.Trainable, left.NonTrainable + right.NonTrainable);

    public override string ToString() => Total.ToString("N0", CultureInfo.InvariantCulture);
}
