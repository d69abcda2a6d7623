using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// Parses checkpoint path patterns: literal text with <c>{epoch}</c>, <c>{epoch:02}</c> (also Keras' <c>{epoch:02d}</c>),
/// <c>{monitor}</c>, <c>{monitor:.4f}</c>, and any recorded quantity by name (<c>{val_loss:.2f}</c>, as Keras writes it).
/// </summary>
internal static class CheckpointPattern
{
    private static readonly Regex EpochPlaceholder = new(@"^epoch(?::0?(?<width>[0-9]{1,2})d?)?$", RegexOptions.CultureInvariant);
    private static readonly Regex MonitorPlaceholder = new(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::\.(?<decimals>[0-9]{1,2})f)?$", RegexOptions.CultureInvariant);

    /// <summary>The parts of <paramref name="pattern"/>, or null with <paramref name="problem"/> saying what is wrong.
    /// <paramref name="usesMonitor"/> is set when <c>{monitor}</c> is used. <paramref name="quantities"/> are the names a
    /// placeholder may use (history keys and their <c>val_</c> forms), or null when unknown (any name is accepted).</summary>
    public static EquatableArray<CheckpointPathPart>? Parse(string pattern, ISet<string>? quantities, out string? problem, out bool usesMonitor)
    {
        problem = null;
        usesMonitor = false;
        if (pattern.Trim().Length == 0)
        {
            problem = "the path is empty";
            return null;
        }

        var parts = new List<CheckpointPathPart>();
        var literal = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '}')
            {
                problem = $"'}}' at position {i + 1} closes no placeholder";
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = pattern.IndexOf('}', i + 1);
            var nextOpen = pattern.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                problem = $"'{{' at position {i + 1} is not closed";
                return null;
            }

            var content = pattern.Substring(i + 1, close - i - 1);
            if (literal.Length > 0)
            {
                parts.Add(new CheckpointPathPart(CheckpointPathPartKind.Literal, literal.ToString(), 0, 0));
                literal.Clear();
            }

            var epoch = EpochPlaceholder.Match(content);
            var monitor = MonitorPlaceholder.Match(content);
            if (epoch.Success)
            {
                var width = epoch.Groups["width"].Success ? int.Parse(epoch.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
                parts.Add(new CheckpointPathPart(CheckpointPathPartKind.Epoch, string.Empty, width, 0));
            }
            else if (monitor.Success && (monitor.Groups["name"].Value == "monitor" || quantities is null || quantities.Contains(monitor.Groups["name"].Value)))
            {
                var decimals = monitor.Groups["decimals"].Success ? int.Parse(monitor.Groups["decimals"].Value, CultureInfo.InvariantCulture) : 4;
                var name = monitor.Groups["name"].Value;
                parts.Add(name == "monitor"
                    ? new CheckpointPathPart(CheckpointPathPartKind.Monitor, string.Empty, 0, decimals)
                    : new CheckpointPathPart(CheckpointPathPartKind.Quantity, name, 0, decimals));
                usesMonitor |= name == "monitor";
            }
            else
            {
                problem = $"unknown placeholder '{{{content}}}'";
                return null;
            }

            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new CheckpointPathPart(CheckpointPathPartKind.Literal, literal.ToString(), 0, 0));
        }

        return parts.ToEquatableArray();
    }
}
