using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>
/// Folder-per-case baselines (the Bicep pattern): each <c>Baselines/CASE/</c> holds <c>main.model</c> (plus any other
/// <c>.model</c> files it imports), compiled together; the expected diagnostics are in <c>main.diagnostics.txt</c>, and
/// for cases whose models check, the summaries in <c>main.summary.txt</c> and the dataflow in <c>main.forward.txt</c>.
/// Run with <c>MODELDSL_ACCEPT=1</c> to rewrite the expected files after an intended change.
/// </summary>
public sealed class BaselineTests
{
    public static IEnumerable<object[]> Cases() =>
        Directory.GetDirectories(TestPaths.Baselines).OrderBy(d => d, StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Baseline(string name)
    {
        var folder = Path.Combine(TestPaths.Baselines, name);
        var result = ModelCompiler.Compile(LoadCase(folder), CompilationOptions.Default with { Emit = false }, default);

        var failures = new List<string>();
        Compare(folder, "main.diagnostics.txt", string.Concat(result.Diagnostics.Select(d => d + "\n")), failures);
        if (result.Models.Count > 0)
        {
            Compare(folder, "main.summary.txt", string.Join("\n", result.Models.Select(m => m.Summary)), failures);
            Compare(folder, "main.forward.txt", string.Join("\n", result.Models.Select(ModelListing.Render)), failures);
        }
        else
        {
            Assert.False(File.Exists(Path.Combine(folder, "main.summary.txt")), "main.summary.txt exists but no model checked");
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>main.model first, then the other .model files of the folder, with paths relative to it.</summary>
    internal static List<SourceFile> LoadCase(string folder)
    {
        var others = Directory.GetFiles(folder, "*.model", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != "main.model")
            .OrderBy(f => f, StringComparer.Ordinal);
        return new[] { "main.model" }.Concat(others)
            .Select(f => new SourceFile(f, File.ReadAllText(Path.Combine(folder, f)).Replace("\r\n", "\n")))
            .ToList();
    }

    private static void Compare(string folder, string fileName, string actual, List<string> failures)
    {
        var path = Path.Combine(folder, fileName);
        if (TestPaths.Accept)
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{fileName} is missing; run the tests with MODELDSL_ACCEPT=1 to create it. Actual:\n{actual}");
            return;
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            failures.Add($"{fileName} differs (MODELDSL_ACCEPT=1 rewrites it).\n--- expected\n{expected}\n--- actual\n{actual}");
        }
    }
}
