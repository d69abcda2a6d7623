using System.Globalization;

namespace ModelDsl.Compiler.Training;

/// <summary>One parameter of a training call in <see cref="TrainingCatalog"/>: its type, default and valid range.</summary>
/// <param name="Name">The name as written in <c>.model</c> files.</param>
/// <param name="Type">What it accepts.</param>
/// <param name="Default">The value when not given; null with <paramref name="Required"/> false means "absent unless given".</param>
/// <param name="Required">True when the call is invalid without it.</param>
/// <param name="Min">Lower bound of a numeric parameter, or null.</param>
/// <param name="MinExclusive">True when the lower bound itself is invalid.</param>
/// <param name="Max">Upper bound of a numeric parameter, or null.</param>
/// <param name="MaxExclusive">True when the upper bound itself is invalid.</param>
/// <param name="Choices">The accepted words of a <see cref="ParameterType.Choice"/> parameter.</param>
/// <param name="NamedOnly">True when it cannot be given positionally (<c>per:</c>).</param>
public sealed record ParameterSpec(
    string Name,
    ParameterType Type,
    ArgumentValue? Default = null,
    bool Required = false,
    double? Min = null,
    bool MinExclusive = false,
    double? Max = null,
    bool MaxExclusive = false,
    EquatableArray<string> Choices = default,
    bool NamedOnly = false)
{
    public bool HasRange => Min is not null || Max is not null;

    /// <summary>True when <paramref name="value"/> lies in the valid range.</summary>
    public bool InRange(double value) =>
        (Min is not { } min || (MinExclusive ? value > min : value >= min))
        && (Max is not { } max || (MaxExclusive ? value < max : value <= max));

    /// <summary>The valid range in words: <c>&gt; 0</c>, <c>in [0, 1)</c>, <c>≥ 1</c>.</summary>
    public string RangeText()
    {
        if (Min is { } min && Max is { } max)
        {
            return string.Format(CultureInfo.InvariantCulture, "in {0}{1}, {2}{3}", MinExclusive ? "(" : "[", Format(min), Format(max), MaxExclusive ? ")" : "]");
        }

        if (Min is { } low)
        {
            return (MinExclusive ? "> " : "≥ ") + Format(low);
        }

        return Max is { } high ? (MaxExclusive ? "< " : "≤ ") + Format(high) : "any value";
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
