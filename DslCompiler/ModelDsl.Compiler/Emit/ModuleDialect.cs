using System.Collections.Generic;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// What differs between backends when a model becomes a module class: the tensor and module types, how submodules are
/// created and registered, how each layer is written and applied, and the private helpers a model needs.
/// <see cref="ModuleEmitter"/> writes everything else (class plan, fields, forward dataflow, logits, metadata) once.
/// A dialect instance serves one model: it records which helpers that model's code calls.
/// </summary>
internal abstract class ModuleDialect
{
    /// <summary>The backend's name in messages (<c>TorchSharp</c>, <c>Cpu</c>).</summary>
    public abstract string BackendName { get; }

    /// <summary>The fully qualified tensor type.</summary>
    public abstract string TensorType { get; }

    /// <summary>The name of the forward method (<c>forward</c>, <c>Forward</c>).</summary>
    public abstract string ForwardName { get; }

    /// <summary>The most tensor inputs a model class can take.</summary>
    public abstract int MaxInputs { get; }

    /// <summary>Members of the base module type that generated members must not hide.</summary>
    public abstract IEnumerable<string> BaseMembers { get; }

    /// <summary>How the root's remarks name the weight names (<c>state_dict()</c> keys, <c>NamedParameters()</c> names).</summary>
    public abstract string WeightNamesDoc { get; }

    /// <summary>The base type of a module class with <paramref name="inputs"/> tensor inputs returning <paramref name="result"/>.</summary>
    public abstract string ModuleBase(int inputs, string result);

    /// <summary>The signature of the forward method (the override of the base type's abstract one, where there is one).</summary>
    public abstract string ForwardSignature(string result, string parameters, int inputs);

    public abstract void WriteConstructorDocs(CodeWriter writer, bool isRoot);

    /// <summary>The constructor's signature line, base call included.</summary>
    public abstract string ConstructorSignature(string className, string moduleName);

    /// <summary>Creates an instance of a nested module class inside a constructor.</summary>
    public abstract string NestedModuleFactory(string className);

    /// <summary>Assigns the field and registers the submodule under its source name.</summary>
    public abstract void WriteRegistration(CodeWriter writer, string name, string field, string factory);

    /// <summary>Writes the statements that initialise a layer's weights after it is created, where its factory does
    /// not (TorchSharp's factories always use PyTorch's default initialisation). None by default.</summary>
    public virtual void WriteLayerInitialization(CodeWriter writer, CheckedLayer layer, string field)
    {
    }

    /// <summary>Calls a nested module's forward.</summary>
    public abstract string CallModule(string field, IReadOnlyList<string> arguments);

    /// <summary>The module type a layer is held in, or null when it is applied functionally.</summary>
    public abstract string? LayerType(CheckedLayer layer);

    /// <summary>The expression that creates the layer's module (only for layers with a <see cref="LayerType"/>).</summary>
    public abstract string LayerFactory(CheckedLayer layer);

    /// <summary>
    /// The expression that applies <paramref name="layer"/> (held in <paramref name="field"/>, if any) to the locals
    /// <paramref name="inputs"/>; <paramref name="skipActivation"/> leaves out a final softmax/sigmoid (for ForwardLogits).
    /// </summary>
    public abstract string ApplyLayer(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation);

    /// <summary>
    /// Writes the root class's weight members: <c>SaveWeights(path)</c> and <c>LoadWeights(path)</c> (safetensors, keys =
    /// the <c>.model</c> names, the same file on every backend).
    /// </summary>
    public abstract void WriteWeightMembers(CodeWriter writer);

    /// <summary>Writes the private helper methods the applied layers called (none by default).</summary>
    public virtual void WriteHelpers(CodeWriter writer)
    {
    }
}
