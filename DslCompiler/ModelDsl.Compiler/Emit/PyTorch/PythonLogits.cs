using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>
/// Which classes get <c>forward_logits</c> and which of their steps leave out the final softmax/sigmoid: the same
/// decision the C# <c>ModuleEmitter</c> makes for <c>ForwardLogits</c> (follow each squashing root output down through
/// nested modules to the activation to leave out), so the losses read logits on every backend.
/// </summary>
internal sealed class PythonLogits
{
    private readonly CheckedModel _model;
    private readonly HashSet<ModuleDefinition> _classes = new();

    private PythonLogits(CheckedModel model) => _model = model;

    /// <summary>The indices of the root outputs that forward_logits returns as logits.</summary>
    public IReadOnlyList<int> Outputs { get; private set; } = new int[0];

    public static PythonLogits Plan(CheckedModel model)
    {
        var plan = new PythonLogits(model);
        var outputs = new List<int>();
        for (var i = 0; i < model.Outputs.Count; i++)
        {
            if (IsSquashing(model.Outputs[i].FinalActivation) && plan.CanSkip(model.Root, model.Outputs[i].Value))
            {
                plan._classes.Add(model.Root);
                outputs.Add(i);
            }
        }

        plan.Outputs = outputs;
        return plan;
    }

    public bool HasLogits(ModuleDefinition definition) => _classes.Contains(definition);

    public HashSet<Step> SkippedSteps(ModuleDefinition definition)
    {
        var steps = new HashSet<Step>();
        var values = definition == _model.Root
            ? _model.Outputs.Where(o => IsSquashing(o.FinalActivation)).Select(o => o.Value)
            : definition.Outputs.Select(o => o.Name);
        foreach (var value in values)
        {
            if (ForwardVariables.Producer(definition.Steps.ToArray(), value) is { } step && CanSkip(definition, value))
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static bool IsSquashing(ActivationSpec? spec) =>
        spec is not null && (spec.Function == ActivationFunction.Softmax || spec.Function == ActivationFunction.Sigmoid);

    private bool CanSkip(ModuleDefinition definition, string value)
    {
        var step = ForwardVariables.Producer(definition.Steps.ToArray(), value);
        if (step?.Member is null)
        {
            return false;
        }

        switch (definition.FindMember(step.Member))
        {
            case CheckedLayer { Arguments: ActivationArguments activation }:
                return IsSquashing(activation.Function);
            case CheckedLayer { Arguments: DenseArguments dense }:
                // A dense layer on [steps, features] squashes its last axis; the losses' logits path assumes axis 1.
                return dense.InputRank == 1 && IsSquashing(dense.Activation);
            case CheckedLayer { Arguments: Conv2dArguments conv }:
                return IsSquashing(conv.Activation);
            case CheckedModule module when CanSkip(module.Definition, module.Definition.Outputs[0].Name):
                _classes.Add(module.Definition);
                return true;
            default:
                return false;
        }
    }
}
