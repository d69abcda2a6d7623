using System.Collections.Generic;

namespace ModelDsl.Compiler.Training;

/// <summary>Typed look-ups over a checked argument list, so emitters read <c>optimizer.Arguments.Number("lr")</c>.</summary>
public static class ResolvedArgumentExtensions
{
    public static ResolvedArgument? Find(this EquatableArray<ResolvedArgument> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    public static bool Has(this EquatableArray<ResolvedArgument> arguments, string name) => arguments.Find(name) is not null;

    /// <summary>The number a parameter resolved to; throws when the catalog has no such numeric parameter (a bug, not user input).</summary>
    public static double Number(this EquatableArray<ResolvedArgument> arguments, string name) =>
        arguments.Find(name)?.Value is NumberValue number ? number.Value : throw new KeyNotFoundException("No numeric argument '" + name + "'.");

    public static double? NumberOrNull(this EquatableArray<ResolvedArgument> arguments, string name) =>
        arguments.Find(name)?.Value is NumberValue number ? number.Value : null;

    public static int Integer(this EquatableArray<ResolvedArgument> arguments, string name) => (int)arguments.Number(name);

    public static bool Boolean(this EquatableArray<ResolvedArgument> arguments, string name) =>
        arguments.Find(name)?.Value is BooleanValue flag ? flag.Value : throw new KeyNotFoundException("No boolean argument '" + name + "'.");

    public static string? Text(this EquatableArray<ResolvedArgument> arguments, string name) =>
        arguments.Find(name)?.Value switch
        {
            TextValue text => text.Value,
            SymbolValue symbol => symbol.Value,
            _ => null,
        };

    public static SizeValue? Size(this EquatableArray<ResolvedArgument> arguments, string name) => arguments.Find(name)?.Value as SizeValue;

    public static EquatableArray<double> Numbers(this EquatableArray<ResolvedArgument> arguments, string name) =>
        arguments.Find(name)?.Value is NumberListValue list ? list.Values : EquatableArray<double>.Empty;
}
