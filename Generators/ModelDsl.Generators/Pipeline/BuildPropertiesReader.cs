using Microsoft.CodeAnalysis.Diagnostics;

namespace ModelDsl.Generators.Pipeline;

/// <summary>Reads <see cref="BuildProperties"/> from the global analyzer config options.</summary>
public static class BuildPropertiesReader
{
    public static BuildProperties Read(AnalyzerConfigOptions globalOptions) =>
        new(Value(globalOptions, BuildProperties.BackendProperty), Value(globalOptions, BuildProperties.RootNamespaceProperty));

    // MSBuild writes an unset CompilerVisibleProperty as an empty value; treat it like a missing one.
    private static string? Value(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
