using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Checks that an evaluated argument has the type its parameter wants, reporting MD2007 (or MD2017 for a bare
/// word that is neither a parameter nor a keyword value) otherwise.</summary>
internal static class ValueConverter
{
    public static readonly string[] PaddingWords = { "valid", "same" };

    /// <summary>Checks a block/group argument against its declared type; ints are accepted where floats are expected.</summary>
    public static ConstantValue? Convert(ConstantValue value, ParameterType type, ArgumentSite site)
    {
        switch (type)
        {
            case ParameterType.Int when value is IntValue:
            case ParameterType.Bool when value is BoolValue:
                return value;
            case ParameterType.Float when value is FloatValue:
                return value;
            case ParameterType.Float when value is IntValue i:
                return new FloatValue(i.Value);
            case ParameterType.Activation when value is NameValue name && ActivationNames.TryParse(name.Name, out _):
                return value;
            case ParameterType.Padding when IsPadding(value, allowFour: true):
                return value;
            default:
                site.Mismatch(value, Describe(type));
                return null;
        }
    }

    public static bool IsPadding(ConstantValue value, bool allowFour) => value switch
    {
        NameValue name => PaddingWords.Contains(name.Name),
        IntValue => true,
        TupleValue tuple => (tuple.Items.Count == 2 || (allowFour && tuple.Items.Count == 4)) && tuple.Items.All(i => i is IntValue),
        _ => false,
    };

    public static string Describe(ParameterType type) => type switch
    {
        ParameterType.Int => "an integer",
        ParameterType.Float => "a number",
        ParameterType.Bool => "true or false",
        ParameterType.Activation => "an activation (" + string.Join(", ", AllActivations()) + ")",
        _ => "a padding (valid, same, an integer or a tuple)",
    };

    public static IEnumerable<string> AllActivations() =>
        System.Enum.GetValues(typeof(ActivationFunction)).Cast<ActivationFunction>().Select(ActivationNames.Of);
}
