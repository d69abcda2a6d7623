using System.Globalization;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Parameter counts with Keras' conventions: batch-norm running statistics are non-trainable.</summary>
public sealed record ParameterCount(long Trainable, long NonTrainable)
{
    public static readonly ParameterCount Zero = new(0, 0);

    public long Total => Trainable + NonTrainable;

    /// <summary>Checked: an overflow throws (the expander reports it as MD2086) rather than wrapping to a negative total.</summary>
    public static ParameterCount operator +(ParameterCount left, ParameterCount right) =>
        new(checked(left.Trainable + right.Trainable), checked(left.NonTrainable + right.NonTrainable));

    public override string ToString() => Total.ToString("N0", CultureInfo.InvariantCulture);
}
