using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using ModelDsl.Compiler.Tests.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// The package's build step (Generators/ModelDsl.Generators/build/ModelDsl.TorchSharp.targets) that makes TorchSharp
/// 0.107's libLibTorchSharp.so load with GCC 12's libstdc++: run on a real copy of the library from the NuGet cache,
/// it sets VER_FLG_WEAK on the GLIBCXX_3.4.32 need and changes nothing else; it is idempotent and can be turned off.
/// (Every TorchSharp test of this project also proves the patched copy in bin/ loads and runs.)
/// </summary>
[SupportedOSPlatform("linux")]  // the patch is Linux-only, like libLibTorchSharp.so
public sealed class LibTorchSharpPatchTests
{
    private const string HostLibrary = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    private static readonly string PackageCopy = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void The_build_output_copy_is_the_package_copy_with_only_the_weak_flag_set()
    {
        var original = File.ReadAllBytes(PackageCopy);
        var output = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        AssertPatchedOrUntouched(original, output);
    }

    [Fact]
    public void The_target_patches_a_real_copy_once_and_honours_the_opt_out()
    {
        var directory = Directory.CreateTempSubdirectory("modeldsl-elf-");
        try
        {
            var native = Directory.CreateDirectory(Path.Combine(directory.FullName, "out", "runtimes", "linux-x64", "native")).FullName;
            var library = Path.Combine(native, "libLibTorchSharp.so");
            var project = Path.Combine(directory.FullName, "patch.proj");
            File.WriteAllText(project, $"""
                <Project>
                  <PropertyGroup><OutDir>{directory.FullName}/out/</OutDir></PropertyGroup>
                  <Import Project="{Path.Combine(RepositoryRoot, "Generators", "ModelDsl.Generators", "build", "ModelDsl.TorchSharp.targets")}" />
                </Project>
                """);
            var original = File.ReadAllBytes(PackageCopy);
            File.Copy(PackageCopy, library);

            var optOut = MsBuild(project, "-p:ModelDslPatchLibTorchSharp=false");
            Assert.Equal(original, File.ReadAllBytes(library));
            Assert.DoesNotContain("ModelDsl:", optOut, StringComparison.Ordinal);

            var first = MsBuild(project);
            var patched = File.ReadAllBytes(library);
            AssertPatchedOrUntouched(original, patched);
            Assert.Equal(HostLacksVersion(), first.Contains("marked the GLIBCXX_3.4.32 need of " + library + " weak", StringComparison.Ordinal));
            Assert.Equal(File.GetUnixFileMode(PackageCopy), File.GetUnixFileMode(library));

            var second = MsBuild(project);
            Assert.Equal(patched, File.ReadAllBytes(library));
            Assert.DoesNotContain("ModelDsl:", second, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Where the host's libstdc++ lacks GLIBCXX_3.4.32 (Debian 12 here) exactly one byte differs: the low byte of
    // vna_flags of that Vernaux entry gains VER_FLG_WEAK (0x2), as readelf confirms; elsewhere nothing changes.
    private static void AssertPatchedOrUntouched(byte[] original, byte[] output)
    {
        Assert.Equal(original.Length, output.Length);
        var differences = Enumerable.Range(0, original.Length).Where(i => original[i] != output[i]).ToArray();
        if (!HostLacksVersion())
        {
            Assert.Empty(differences);
            return;
        }

        var at = Assert.Single(differences);
        Assert.Equal(original[at] | 0x2, output[at]);
        var path = Path.Combine(Path.GetTempPath(), "modeldsl-elf-" + Guid.NewGuid().ToString("N") + ".so");
        File.WriteAllBytes(path, output);
        try
        {
            var versions = Run("readelf", "-V", path);
            Assert.Contains("Name: GLIBCXX_3.4.32  Flags: WEAK", versions, StringComparison.Ordinal);
            Assert.Single(versions.Split('\n'), line => line.Contains("Flags: WEAK", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool HostLacksVersion() =>
        File.Exists(HostLibrary) && !Encoding.ASCII.GetString(File.ReadAllBytes(HostLibrary)).Contains("\0GLIBCXX_3.4.32\0", StringComparison.Ordinal);

    private static string MsBuild(string project, params string[] arguments) =>
        Run("dotnet", new[] { "msbuild", project, "-t:ModelDslPatchLibTorchSharp", "-nologo", "-v:m", "-nodeReuse:false" }.Concat(arguments).ToArray());

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        output += standardError.Result;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(" ", arguments)} failed:\n{output}");
        return output;
    }

    private static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));
}
