using System;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace ModelDsl.Generators.Tests.EndToEnd;

/// <summary>
/// A real consumer build whose project folder holds a <c>.model</c> file named <c>"evil\n-errorlog:x.json.model"</c>:
/// a newline in a name that reached csc's response file would start a new csc option. The automatic include skips it
/// with warning MD5160 naming it, the build succeeds, no <c>x.json</c> appears, and the valid model's type exists.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ControlCharacterFileNameTests
{
    private readonly PackedFeed _feed;

    public ControlCharacterFileNameTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void A_model_file_name_with_a_newline_is_skipped_with_a_warning_and_injects_nothing()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return; // Windows file names cannot hold a newline
        }

        var project = Directory.CreateDirectory(Path.Combine(_feed.Root, "control-characters")).FullName;
        File.WriteAllText(Path.Combine(project, "nuget.config"), _feed.NugetConfig());
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelDsl" Version="{PackedFeed.Version}" />
                <PackageReference Include="ModelDsl.Runtime.Cpu.Training" Version="{PackedFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(typeof(Consumer.Valid).Name);\n");
        File.WriteAllText(Path.Combine(project, "valid.model"), "model Valid {\n    input point: float[2]\n    dense(3)\n}\n");
        File.WriteAllText(Path.Combine(project, "evil\n-errorlog:x.json.model"), "model Evil {\n    input point: float[2]\n    dense(3)\n}\n");
        File.WriteAllText(Path.Combine(project, "tab\there.model"), "model Tabbed {\n    input point: float[2]\n    dense(3)\n}\n");

        var build = DotnetCli.Run(project, _feed.Environment, PackedFeed.Timeout, "build", "-c", "Release", "-tl:off", "-p:UseSharedCompilation=false");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("warning MD5160: skipped 'evil\\n-errorlog:x.json.model'", build.Output, StringComparison.Ordinal);
        Assert.Contains("warning MD5160: skipped 'tab\\there.model'", build.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(project, "x.json", SearchOption.AllDirectories));
        Assert.DoesNotContain("CS2001", build.Output, StringComparison.Ordinal);
    }
}
