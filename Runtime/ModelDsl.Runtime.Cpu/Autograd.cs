using System;
using ModelDsl.Runtime.Cpu.Graph;

namespace ModelDsl.Runtime.Cpu;

/// <summary>Gradient recording switches (per thread).</summary>
public static class Autograd
{
    [ThreadStatic]
    private static int _disabledDepth;

    /// <summary>Whether operations on this thread record the graph for <see cref="Tensor.Backward()"/>.</summary>
    public static bool IsGradEnabled => _disabledDepth == 0;

    /// <summary>
    /// Turns off graph recording until the returned scope is disposed:
    /// <c>using (Autograd.NoGrad()) { var y = model.Forward(x); }</c>.
    /// </summary>
    public static GradModeScope NoGrad()
    {
        _disabledDepth++;
        return new GradModeScope(true);
    }

    /// <summary>Inference mode: same as <see cref="NoGrad"/> (no graph, no saved intermediates).</summary>
    public static GradModeScope InferenceMode() => NoGrad();

    internal static void Exit() => _disabledDepth--;

    /// <summary>True when an operation on <paramref name="a"/> must be recorded.</summary>
    internal static bool ShouldRecord(Tensor a) => _disabledDepth == 0 && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor? b) => _disabledDepth == 0 && (a.RequiresGrad || (b?.RequiresGrad ?? false));

    internal static bool ShouldRecord(Tensor a, Tensor? b, Tensor? c) =>
        _disabledDepth == 0 && (a.RequiresGrad || (b?.RequiresGrad ?? false) || (c?.RequiresGrad ?? false));

    /// <summary>Attaches <paramref name="node"/> as the producer of <paramref name="output"/>.</summary>
    internal static Tensor Record(Tensor output, GradNode node)
    {
        node.Output = output;
        output.GradFn = node;
        output.RequiresGrad = true;
        return output;
    }
}
