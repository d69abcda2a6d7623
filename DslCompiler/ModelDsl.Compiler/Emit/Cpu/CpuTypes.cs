namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>Fully qualified names of the Cpu engine (ModelDsl.Runtime.Cpu), so generated code never depends on usings.</summary>
internal static class CpuTypes
{
    public const string Engine = "global::ModelDsl.Runtime.Cpu";
    public const string Tensor = Engine + ".Tensor";
    public const string Functional = Engine + ".Functional";
    public const string Generator = Engine + ".Generator";
    public const string Padding2d = Engine + ".Padding2d";
    public const string Modules = Engine + ".Modules";
    public const string Module = Modules + ".Module";
    public const string Weights = "global::ModelDsl.Runtime.Cpu.Training.CpuWeights";
}
