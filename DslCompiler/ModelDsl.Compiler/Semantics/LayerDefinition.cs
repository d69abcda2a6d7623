using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Compiler.Semantics;

/// <summary>A catalog entry: the source name, the kind, and the parameters in positional order.</summary>
internal sealed class LayerDefinition
{
    public LayerDefinition(string name, LayerKind kind, IReadOnlyList<LayerParameter> parameters)
    {
        Name = name;
        Kind = kind;
        Parameters = parameters;
        ParameterNames = parameters.Select(p => p.Name).ToList();
        VariadicIndex = parameters.ToList().FindIndex(p => p.IsVariadic);
        PositionalCount = parameters.Count(p => !p.NamedOnly);
    }

    /// <summary>How many parameters may be passed positionally (the named-only ones come last).</summary>
    public int PositionalCount { get; }

    public string Name { get; }

    public LayerKind Kind { get; }

    public IReadOnlyList<LayerParameter> Parameters { get; }

    /// <summary>Parameter names in positional order (for the binder).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The index of the variadic parameter (add/concat tensors, reshape dims), or -1.</summary>
    public int VariadicIndex { get; }

    public LayerParameter Parameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        throw new KeyNotFoundException(name);
    }
}
