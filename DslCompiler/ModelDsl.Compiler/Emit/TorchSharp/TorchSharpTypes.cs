namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>Fully qualified TorchSharp names, so generated code never depends on the user's usings or type names.</summary>
internal static class TorchSharpTypes
{
    public const string Torch = "global::TorchSharp.torch";
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Nn = "global::TorchSharp.torch.nn";
    public const string Functional = "global::TorchSharp.torch.nn.functional";
    public const string Modules = "global::TorchSharp.Modules";
    public const string PaddingModes = "global::TorchSharp.PaddingModes";

    /// <summary><c>torch.nn.Module&lt;Tensor, …, TResult&gt;</c> for <paramref name="inputs"/> tensor inputs.</summary>
    public static string Module(int inputs, string result)
    {
        var arguments = new string[inputs + 1];
        for (var i = 0; i < inputs; i++)
        {
            arguments[i] = Tensor;
        }

        arguments[inputs] = result;
        return Nn + ".Module<" + string.Join(", ", arguments) + ">";
    }
}
