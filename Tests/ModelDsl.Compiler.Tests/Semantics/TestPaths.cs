using System;
using System.IO;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>Finds the test project's source folder (baselines live next to the tests, not in bin/).</summary>
internal static class TestPaths
{
    public static string ProjectDirectory { get; } = Find();

    public static string Baselines => Path.Combine(ProjectDirectory, "Baselines");

    /// <summary>True when <c>MODELDSL_ACCEPT=1</c>: baseline tests rewrite their expected files instead of comparing.</summary>
    public static bool Accept => Environment.GetEnvironmentVariable("MODELDSL_ACCEPT") == "1";

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "Tests", "ModelDsl.Compiler.Tests");
            if (File.Exists(Path.Combine(candidate, "ModelDsl.Compiler.Tests.csproj")))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(directory.FullName, "ModelDsl.Compiler.Tests.csproj")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException("cannot find Tests/ModelDsl.Compiler.Tests above " + AppContext.BaseDirectory);
    }
}
