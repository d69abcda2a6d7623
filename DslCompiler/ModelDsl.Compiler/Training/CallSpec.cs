namespace ModelDsl.Compiler.Training;

/// <summary>A catalog entry: a loss, optimiser, schedule, metric, callback, data source, normalisation or
/// augmentation with its parameters in positional order.</summary>
/// <param name="Name">The <c>.model</c> spelling.</param>
/// <param name="Parameters">Its parameters, positional order first.</param>
/// <param name="Summary">One line for documentation and hover text.</param>
public sealed record CallSpec(string Name, EquatableArray<ParameterSpec> Parameters, string Summary)
{
    public ParameterSpec? Find(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary><c>adam(lr = 0.001, beta1 = 0.9, …)</c>, for messages and docs.</summary>
    public string Signature()
    {
        var parts = new System.Collections.Generic.List<string>();
        foreach (var parameter in Parameters)
        {
            parts.Add(parameter.Default is null ? parameter.Name + (parameter.Required ? string.Empty : "?") : parameter.Name + " = " + parameter.Default);
        }

        return Name + "(" + string.Join(", ", parts) + ")";
    }
}
