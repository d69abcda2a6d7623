namespace ModelDsl.Compiler.Semantics;

/// <summary><c>batchnorm</c> over <see cref="Features"/> channels: BatchNorm1d when <see cref="InputRank"/> is 1
/// (<c>[F]</c>), BatchNorm2d when it is 3 (<c>[C, H, W]</c>). <see cref="Momentum"/> follows PyTorch's convention
/// (weight of the new batch statistic, default 0.1); null is PyTorch's <c>momentum=None</c>, the cumulative moving
/// average. <see cref="Scale"/> (γ, the weight) and <see cref="Center"/> (β, the bias) say which affine parameters the
/// layer has: Keras' <c>scale</c>/<c>center</c>; both false is PyTorch's <c>affine=False</c>.</summary>
public sealed record BatchNormArguments(int Features, double? Momentum, double Eps, int InputRank, bool Scale = true, bool Center = true) : LayerArguments
{
    /// <summary>True when the layer has both γ and β (PyTorch's <c>affine=True</c>).</summary>
    public bool Affine => Scale && Center;

    // Baselines and messages print the arguments; the affine switches appear only where a layer turns one off.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Features = ").Append(Features)
            .Append(", Momentum = ").Append(Momentum is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")
            .Append(", Eps = ").Append(Eps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(", InputRank = ").Append(InputRank);
        if (!Scale)
        {
            builder.Append(", Scale = False");
        }

        if (!Center)
        {
            builder.Append(", Center = False");
        }

        return true;
    }
}
