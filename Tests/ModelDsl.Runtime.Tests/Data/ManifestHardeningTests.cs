using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>
/// Hostile manifests and weight files (issue #14): image paths that leave the manifest's folder, special files, NUL
/// in paths, and randomly mutated CSV/JSON manifests and safetensors files, which must give only the documented
/// error type (<see cref="DataException"/>, <see cref="WeightFileException"/>).
/// </summary>
[Collection(nameof(ManifestHardeningTests))]
public sealed class ManifestHardeningTests
{
    public static TheoryData<string, string> Escapes => new()
    {
        { "../../etc/passwd", "leaves the manifest's folder" },
        { "../outside.png", "leaves the manifest's folder" },
        { "sub/../../outside.png", "leaves the manifest's folder" },
        { "/etc/passwd", "is absolute" },
        { "/dev/zero", "is absolute" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void An_image_path_outside_the_manifest_folder_is_refused(string imagePath, string why)
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("data")).FullName;
        File.WriteAllBytes(dir.File("outside.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        var csv = Path.Combine(folder, "labels.csv");
        File.WriteAllText(csv, $"path,label\n{imagePath},cat\n");
        var json = Path.Combine(folder, "labels.json");
        File.WriteAllText(json, $"[{{\"path\": \"{imagePath}\", \"label\": \"cat\"}}]");

        foreach (var load in new Func<Dataset>[] { () => ManifestLoader.LoadCsv(csv), () => ManifestLoader.LoadJson(json) })
        {
            var ex = Assert.Throws<DataException>(load);
            Assert.Contains(why, ex.Message, StringComparison.Ordinal);
            Assert.Contains(imagePath, ex.Message, StringComparison.Ordinal);
            Assert.Contains("AllowPathsOutsideManifestFolder", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_explicit_setting_allows_paths_outside_the_manifest_folder()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(dir.File("data")).FullName;
        File.WriteAllBytes(dir.File("outside.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        File.WriteAllBytes(Path.Combine(folder, "inside.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        var csv = Path.Combine(folder, "labels.csv");
        File.WriteAllText(csv, "path,label\n../outside.png,cat\ninside.png,dog\n");

        Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv));
        ManifestLoader.AllowPathsOutsideManifestFolder = true;
        try
        {
            Assert.Equal(2, ManifestLoader.LoadCsv(csv).Count);
        }
        finally
        {
            ManifestLoader.AllowPathsOutsideManifestFolder = false;
        }
    }

    [Fact]
    public void NUL_in_a_row_and_special_manifest_files_are_data_errors_naming_the_file()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("nul.csv");
        File.WriteAllText(csv, "path,label\na\0b.png,cat\n");
        Assert.Contains("NUL", Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv)).Message, StringComparison.Ordinal);

        var special = new List<string> { dir.Path, dir.File("x\0.csv") };
        if (OperatingSystem.IsLinux())
        {
            special.Add("/dev/zero");
        }

        foreach (var path in special)
        {
            var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(path));
            Assert.Contains(path.Replace("\0", "\\0", StringComparison.Ordinal), ex.Message, StringComparison.Ordinal);
            var table = Assert.Throws<DataException>(() => TableLoader.Load(path, new TableSpec(null, 1, [new TableTarget("y", [new TableColumn("y")])])));
            Assert.Contains(path.Replace("\0", "\\0", StringComparison.Ordinal), table.Message, StringComparison.Ordinal);
            var weights = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));
            Assert.Contains(path.Replace("\0", "\\0", StringComparison.Ordinal), weights.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mutated_manifests_give_only_data_errors()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        File.WriteAllBytes(dir.File("b.png"), TestImages.SolidPng(1, 1, 9, 9, 9));
        var seeds = new (string Name, byte[] Bytes)[]
        {
            ("m.csv", Encoding.UTF8.GetBytes("path,label\na.png,cat\nb.png,dog\n\"a.png\",\"cat\"\n")),
            ("m.json", Encoding.UTF8.GetBytes("[{\"path\": \"a.png\", \"label\": \"cat\"}, {\"path\": \"b.png\", \"label\": 1}]")),
            ("n.json", Encoding.UTF8.GetBytes("{\"images\": [{\"path\": \"b.png\", \"label\": \"dog\"}]}")),
        };
        var random = new Random(1416);
        for (var n = 0; n < 900; n++)
        {
            var (name, seed) = seeds[n % seeds.Length];
            var path = dir.File(name);
            File.WriteAllBytes(path, IdxHardeningTests.Mutate(seed, random));
            try
            {
                _ = name.EndsWith(".csv", StringComparison.Ordinal) ? ManifestLoader.LoadCsv(path) : ManifestLoader.LoadJson(path);
            }
            catch (DataException)
            {
                // The documented error.
            }
        }
    }

    [Fact]
    public void Mutated_safetensors_files_give_only_weight_file_errors()
    {
        using var dir = new TempDirectory();
        var path = dir.File("w.safetensors");
        SafetensorsFile.Write(path, [new WeightTensor("conv.weight", [2, 1, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), new WeightTensor("bn.mean", [2], [0.5f, -1])]);
        var good = File.ReadAllBytes(path);
        Assert.Equal(2, SafetensorsFile.Read(new MemoryStream(good), "w").Count);
        var random = new Random(1417);
        for (var n = 0; n < 2000; n++)
        {
            try
            {
                SafetensorsFile.Read(new MemoryStream(IdxHardeningTests.Mutate(good, random)), "fuzz.safetensors");
            }
            catch (WeightFileException)
            {
                // The documented error.
            }
        }
    }
}
