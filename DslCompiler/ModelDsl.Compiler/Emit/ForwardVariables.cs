using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Chooses the C# local for every value of a module's dataflow. The semantic steps are in SSA form (<c>x1</c>, <c>x2</c>,
/// … for the current tensor); hand-written code reassigns one <c>x</c> instead, so a temporary reuses <c>x</c> whenever the
/// value <c>x</c> holds is not needed afterwards (a liveness check, so a temporary still needed later keeps its own
/// local). Inputs, <c>let</c> and <c>output</c> names keep their source names (camelCase, escaped).
/// </summary>
public sealed class ForwardVariables
{
    /// <summary>The local that temporaries share.</summary>
    public const string Current = "x";

    private static readonly Regex Temporary = new("^x[0-9]+$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, string> _locals;
    private readonly HashSet<int> _declaresCurrent;
    private readonly Func<string, string> _naming;

    private ForwardVariables(Dictionary<string, string> locals, HashSet<int> declaresCurrent, Func<string, string> naming)
    {
        _locals = locals;
        _declaresCurrent = declaresCurrent;
        _naming = naming;
    }

    /// <summary>The local holding <paramref name="value"/>.</summary>
    public string Local(string value) => _locals.TryGetValue(value, out var local) ? local : _naming(value);

    /// <summary>Whether the step at <paramref name="index"/> is the first assignment of its local (needs <c>var</c>).</summary>
    public bool Declares(int index, Step step) =>
        Local(step.Result) == Current ? _declaresCurrent.Contains(index) : true;

    /// <param name="inputs">The module's input values and the C# parameter names they arrive in.</param>
    /// <param name="steps">The module's steps.</param>
    /// <param name="outputs">The values the module returns (kept alive to the end).</param>
    /// <param name="reserved">Names the locals must avoid (parameters are claimed from <paramref name="inputs"/>).</param>
    public static ForwardVariables Assign(
        IReadOnlyList<(string Value, string Parameter)> inputs,
        IReadOnlyList<Step> steps,
        IEnumerable<string> outputs,
        params string[] reserved) =>
        Assign(inputs, steps, outputs, CSharpNames.ToCamelCase, reserved);

    /// <summary>The same with another naming of source values (PyTorch keeps snake_case names).</summary>
    public static ForwardVariables Assign(
        IReadOnlyList<(string Value, string Parameter)> inputs,
        IReadOnlyList<Step> steps,
        IEnumerable<string> outputs,
        Func<string, string> naming,
        params string[] reserved)
    {
        var scope = new NameScope(reserved);
        scope.Reserve(Current);
        var locals = new Dictionary<string, string>();
        foreach (var (value, parameter) in inputs)
        {
            scope.Reserve(parameter);
            locals[value] = parameter;
        }

        var lastUse = new Dictionary<string, int>();
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var input in steps[i].Inputs)
            {
                lastUse[input] = i;
            }
        }

        foreach (var output in outputs)
        {
            lastUse[output] = int.MaxValue;
        }

        var declaresCurrent = new HashSet<int>();
        string? holder = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (locals.ContainsKey(step.Result))
            {
                continue;
            }

            var holderIsDead = holder is null || !lastUse.TryGetValue(holder, out var holderLast) || holderLast <= i;
            if (Temporary.IsMatch(step.Result) && holderIsDead)
            {
                if (holder is null)
                {
                    declaresCurrent.Add(i);
                }

                locals[step.Result] = Current;
                holder = step.Result;
                continue;
            }

            locals[step.Result] = scope.Claim(naming(step.Result));
        }

        return new ForwardVariables(locals, declaresCurrent, naming);
    }

    /// <summary>The step that produces <paramref name="value"/>, following aliases back to a computing step.</summary>
    public static Step? Producer(IReadOnlyList<Step> steps, string value)
    {
        for (var guard = 0; guard <= steps.Count; guard++)
        {
            var step = steps.LastOrDefault(s => s.Result == value);
            if (step is null || step.Kind != StepKind.Alias)
            {
                return step;
            }

            value = step.Inputs[0];
        }

        return null;
    }
}
