using System;
using System.Collections.Generic;
using System.Globalization;

namespace ModelDsl.Bench;

/// <summary>`--name value` options of a bench command; unknown names and bad numbers are usage errors.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchOptions(string[] args, params string[] known)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || Array.IndexOf(known, name[2..]) < 0)
            {
                throw new BenchUsageException($"unknown option '{name}'; expected one of --{string.Join(", --", known)}.");
            }

            if (i + 1 >= args.Length)
            {
                throw new BenchUsageException($"option '{name}' needs a value.");
            }

            _values[name[2..]] = args[++i];
        }
    }

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BenchUsageException($"--{name} must be an integer from {min} to {max}, got '{text}'.");
        }

        return value;
    }
}
