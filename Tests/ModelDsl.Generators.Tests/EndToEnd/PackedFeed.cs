using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace ModelDsl.Generators.Tests.EndToEnd;

/// <summary>
/// The repository's packages (the <c>ModelDsl</c> generator and the three runtime libraries), packed once for every
/// consumer test into a local feed, with a package folder of the consumers' own. Third-party packages come from this
/// machine's package folder (a fallback folder: nothing is downloaded), so the tests run offline.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public const string Version = "0.0.0-e2e";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly string[] PackageProjects =
    {
        "Generators/ModelDsl.Generators/ModelDsl.Generators.csproj",
        "Runtime/ModelDsl.Runtime/ModelDsl.Runtime.csproj",
        "Runtime/ModelDsl.Runtime.Cpu/ModelDsl.Runtime.Cpu.csproj",
        "Runtime/ModelDsl.Runtime.Cpu.Training/ModelDsl.Runtime.Cpu.Training.csproj",
    };

    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "modeldsl-consumers-" + Guid.NewGuid().ToString("N"));
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
        var repository = DotnetCli.RepositoryRoot();

        // The test project's build has just built these projects in this configuration; pack that output.
        foreach (var project in PackageProjects)
        {
            var pack = DotnetCli.Run(repository, Environment, Timeout, "pack", project, "-c", Configuration, "--no-build", "-o", Feed, "-p:PackageVersion=" + Version);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{pack.Output}");
            }
        }
    }

    /// <summary>A temporary folder outside the repository: no Directory.Build.props of ours applies below it.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>For every dotnet command of a consumer: its own NUGET_PACKAGES.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>This machine's package folder, where the repository's restore put every third-party package.</summary>
    public static string MachinePackages =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>A consumer's nuget.config: the local feed only (offline), this machine's packages as a fallback folder.</summary>
    public string NugetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{Feed}" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{MachinePackages}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is harmless; never fail a test while cleaning up.
        }
    }
}

/// <summary>The consumer tests share one packed feed and run one after another (each runs dotnet build).</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
