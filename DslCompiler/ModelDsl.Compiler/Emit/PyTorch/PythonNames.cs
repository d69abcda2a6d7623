using System.Collections.Generic;
using System.Text;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>
/// Names in emitted Python: module file names (<c>FashionDnn</c> → <c>fashion_dnn</c>), locals (source names kept,
/// keywords get a trailing underscore), and the attribute names a layer cannot take because PyTorch needs them.
/// </summary>
internal static class PythonNames
{
    private static readonly HashSet<string> Keywords = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
    };

    // torch.nn.Module members (and the emitted ones) that a submodule attribute would shadow.
    private static readonly HashSet<string> ModuleMembers = new()
    {
        "training", "forward", "forward_logits", "Outputs", "train", "eval", "state_dict", "load_state_dict", "parameters",
        "named_parameters", "buffers", "named_buffers", "children", "named_children", "modules", "named_modules",
        "add_module", "register_module", "register_buffer", "register_parameter", "apply", "cuda", "cpu", "xpu", "ipu",
        "to", "to_empty", "type", "float", "double", "half", "bfloat16", "zero_grad", "requires_grad_", "share_memory",
        "extra_repr", "get_submodule", "get_parameter", "get_buffer", "get_extra_state", "set_extra_state",
        "dump_patches", "call_super_init", "register_forward_hook", "register_forward_pre_hook",
        "register_backward_hook", "register_full_backward_hook", "register_full_backward_pre_hook",
        "register_load_state_dict_post_hook", "T_destination",
    };

    /// <summary>True when <paramref name="name"/> can name a submodule: a state_dict key segment that PyTorch accepts
    /// and that shadows no member of <c>nn.Module</c>.</summary>
    public static bool IsSubmoduleName(string name) =>
        !ModuleMembers.Contains(name) && !name.StartsWith("_", System.StringComparison.Ordinal) && IsIdentifier(name);

    /// <summary>How <c>self</c> reaches a submodule: <c>self.dense_0</c>, or <c>getattr(self, "class")</c> for a keyword.</summary>
    public static string Attribute(string name) => Keywords.Contains(name) ? "getattr(self, \"" + name + "\")" : "self." + name;

    /// <summary>The statement that registers a submodule: an assignment, or <c>add_module</c> for a keyword.</summary>
    public static string Register(string name, string factory) =>
        Keywords.Contains(name) ? "self.add_module(\"" + name + "\", " + factory + ")" : "self." + name + " = " + factory;

    /// <summary>A local or parameter for a source value name.</summary>
    public static string Local(string name)
    {
        var identifier = IsIdentifier(name) ? name : Sanitize(name);
        return Keywords.Contains(identifier) || identifier is "self" or "torch" or "nn" or "F" or "Tensor" ? identifier + "_" : identifier;
    }

    /// <summary>A module (file) name: snake_case of a PascalCase declaration name (<c>ResNet50</c> → <c>res_net50</c>).</summary>
    public static string Module(string name)
    {
        var result = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                if (i > 0 && previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || char.IsLower(next)))
                {
                    result.Append('_');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }

        var module = Sanitize(result.ToString());
        return Keywords.Contains(module) ? module + "_" : module;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Sanitize(string name)
    {
        var result = new StringBuilder();
        foreach (var c in name)
        {
            result.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return result.Length == 0 || char.IsDigit(result[0]) ? "_" + result : result.ToString();
    }
}
