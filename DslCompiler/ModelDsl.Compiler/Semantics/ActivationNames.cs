namespace ModelDsl.Compiler.Semantics;

/// <summary>The source names of the activation functions.</summary>
public static class ActivationNames
{
    public static string Of(ActivationFunction function) => function switch
    {
        ActivationFunction.Relu => "relu",
        ActivationFunction.Sigmoid => "sigmoid",
        ActivationFunction.Tanh => "tanh",
        ActivationFunction.Softmax => "softmax",
        ActivationFunction.LogSoftmax => "log_softmax",
        ActivationFunction.Gelu => "gelu",
        ActivationFunction.Elu => "elu",
        _ => "leaky_relu",
    };

    private static readonly System.Collections.Generic.Dictionary<string, ActivationFunction> ByName = BuildByName();

    public static bool TryParse(string name, out ActivationFunction function) => ByName.TryGetValue(name, out function);

    private static System.Collections.Generic.Dictionary<string, ActivationFunction> BuildByName()
    {
        var byName = new System.Collections.Generic.Dictionary<string, ActivationFunction>();
        foreach (ActivationFunction candidate in System.Enum.GetValues(typeof(ActivationFunction)))
        {
            byName[Of(candidate)] = candidate;
        }

        return byName;
    }
}
