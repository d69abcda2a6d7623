using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// The module being built while a model, section, block or group body is expanded: its members and their names
/// (<c>kind_index</c> per scope, or <c>as NAME</c>), its SSA steps and value names, its visible tensor names and the
/// current tensor.
/// </summary>
internal sealed class ExpansionScope
{
    private readonly Dictionary<string, int> _counters = new();
    private readonly HashSet<string> _memberNames = new();
    private readonly HashSet<string> _valueNames = new();
    private readonly HashSet<string> _reserved;
    private int _temporaries;

    public ExpansionScope(ModuleKind kind, string declaration, IReadOnlyDictionary<string, ConstantValue> environment, IEnumerable<StatementSyntax> body)
    {
        Kind = kind;
        Declaration = declaration;
        Environment = environment;
        _reserved = new HashSet<string>(ReservedNames(body)) { "input" };
    }

    public ModuleKind Kind { get; }

    /// <summary>The model, section keyword, block or group name.</summary>
    public string Declaration { get; }

    /// <summary>Block/group parameter values visible to argument expressions.</summary>
    public IReadOnlyDictionary<string, ConstantValue> Environment { get; }

    public EquatableArray<ArgumentValue> Arguments { get; set; } = EquatableArray<ArgumentValue>.Empty;

    public List<TensorValue> Inputs { get; } = new();

    public List<ModuleMember> Members { get; } = new();

    /// <summary>The parameters of <see cref="Members"/> so far, summed with checked arithmetic.</summary>
    public ParameterCount Parameters { get; private set; } = ParameterCount.Zero;

    /// <summary>Adds a member, or returns false (adding nothing) when its parameters would take this scope's trainable,
    /// non-trainable or total count past <see cref="long.MaxValue"/> (reported by the caller as MD2086).</summary>
    public bool TryAddMember(ModuleMember member)
    {
        try
        {
            var sum = Parameters + member.Parameters;
            _ = checked(sum.Trainable + sum.NonTrainable);
            Parameters = sum;
        }
        catch (OverflowException)
        {
            return false;
        }

        Members.Add(member);
        return true;
    }

    public List<Step> Steps { get; } = new();

    public Dictionary<string, NamedTensor> Names { get; } = new();

    public TensorRef? Current { get; set; }

    /// <summary>Set when something in this scope failed (reported or propagated), so no module is produced.</summary>
    public bool Failed { get; set; }

    /// <summary>The name for a new member: the alias, or <c>kind_index</c> counting per kind in this scope.</summary>
    public string NextMemberName(string kind, string? alias)
    {
        if (alias is not null)
        {
            return alias;
        }

        _counters.TryGetValue(kind, out var index);
        _counters[kind] = index + 1;
        return kind + "_" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Claims a member name; false when it is taken.</summary>
    public bool ClaimMemberName(string name) => _memberNames.Add(name);

    /// <summary>Declares a value name as used (inputs).</summary>
    public void UseValueName(string name) => _valueNames.Add(name);

    /// <summary>A value name for a user name (let/output): the name itself the first time, else <c>name_2</c>, <c>name_3</c>…</summary>
    public string ValueNameFor(string userName)
    {
        if (_valueNames.Add(userName))
        {
            return userName;
        }

        for (var i = 2; ; i++)
        {
            var candidate = userName + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (!_reserved.Contains(candidate) && _valueNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>A fresh temporary (<c>x1</c>, <c>x2</c>, …) that no user name in this body can clash with.</summary>
    public string Temporary()
    {
        while (true)
        {
            var candidate = "x" + (++_temporaries).ToString(CultureInfo.InvariantCulture);
            if (!_reserved.Contains(candidate) && _valueNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public ModuleDefinition ToDefinition(IEnumerable<TensorValue> outputs) =>
        new(
            Kind,
            Declaration,
            Arguments,
            Inputs.ToEquatableArray(),
            Members.ToEquatableArray(),
            Steps.ToEquatableArray(),
            outputs.ToEquatableArray(),
            Parameters);

    private static IEnumerable<string> ReservedNames(IEnumerable<StatementSyntax> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case LetStatementSyntax let:
                    yield return let.Name.Name;
                    break;
                case OutputStatementSyntax output:
                    yield return output.Name.Name;
                    break;
                case RepeatStatementSyntax repeat:
                    foreach (var name in ReservedNames(repeat.Body))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }
}
