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

    public static TheoryData<string> LinkEscapes => new()
    {
        "relative-link.png",      // data/relative-link.png -> ../outside.png
        "absolute-link.png",      // data/absolute-link.png -> <temp>/outside.png
        "up/outside.png",         // data/up -> ..
        "elsewhere/outside.png",  // data/elsewhere -> <temp>/elsewhere
        "deeper/../outside.png",  // data/deeper -> <temp>/elsewhere/inner: ".." is elsewhere, not data
        "chain.png",              // data/chain.png -> relative-link.png -> ../outside.png
    };

    [Theory]
    [MemberData(nameof(LinkEscapes))]
    public void A_symbolic_link_inside_the_manifest_folder_that_points_outside_it_is_refused(string imagePath)
    {
        using var dir = new TempDirectory();
        var folder = LinkedFolder(dir);
        var csv = Path.Combine(folder, "labels.csv");
        File.WriteAllText(csv, $"path,label\ninside.png,dog\n{imagePath},cat\n");
        var json = Path.Combine(folder, "labels.json");
        File.WriteAllText(json, $"[{{\"path\": \"inside.png\", \"label\": \"dog\"}}, {{\"path\": \"{imagePath}\", \"label\": \"cat\"}}]");

        foreach (var load in new Func<Dataset>[] { () => ManifestLoader.LoadCsv(csv), () => ManifestLoader.LoadJson(json) })
        {
            var ex = Assert.Throws<DataException>(load);
            Assert.Contains($"'{imagePath}' leaves the manifest's folder through a symbolic link", ex.Message, StringComparison.Ordinal);
            Assert.Contains("AllowPathsOutsideManifestFolder", ex.Message, StringComparison.Ordinal);
        }

        // The explicit setting allows them, as it allows ../x. (With it, paths are taken as written: "deeper/.." is
        // data/, where there is no outside.png.)
        if (imagePath != "deeper/../outside.png")
        {
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
    }

    [Fact]
    public void Symbolic_links_that_stay_inside_the_manifest_folder_are_followed_and_a_loop_is_an_error()
    {
        using var dir = new TempDirectory();
        var folder = LinkedFolder(dir);
        var csv = Path.Combine(folder, "labels.csv");
        File.WriteAllText(csv, "path,label\ninside.png,dog\nalias.png,cat\nalias-folder/inside.png,cat\n");
        Assert.Equal(3, ManifestLoader.LoadCsv(csv).Count);

        File.CreateSymbolicLink(Path.Combine(folder, "loop-a.png"), "loop-b.png");
        File.CreateSymbolicLink(Path.Combine(folder, "loop-b.png"), "loop-a.png");
        File.WriteAllText(csv, "path,label\ninside.png,dog\nloop-a.png,cat\n");
        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv));
        Assert.Contains("'loop-a.png' cannot be resolved", ex.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic links", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_setting_a_link_is_read_as_the_file_it_leads_to_and_a_link_to_a_device_is_refused()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // not a Unix machine
        }

        using var dir = new TempDirectory();
        var folder = LinkedFolder(dir);
        File.CreateSymbolicLink(Path.Combine(folder, "zero.png"), "/dev/zero");
        var csv = Path.Combine(folder, "labels.csv");
        ManifestLoader.AllowPathsOutsideManifestFolder = true;
        try
        {
            // The link's own length (its target's name) is not the file's: the images decode in full.
            File.WriteAllText(csv, "path,label\nalias.png,dog\nrelative-link.png,cat\n");
            Assert.Equal(2, ManifestLoader.LoadCsv(csv).Count);

            File.WriteAllText(csv, "path,label\ninside.png,dog\nzero.png,cat\n");
            var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv));
            Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            ManifestLoader.AllowPathsOutsideManifestFolder = false;
        }
    }

    // <temp>/outside.png, <temp>/elsewhere/outside.png, <temp>/elsewhere/inner/, and <temp>/data/ with inside.png and
    // links: inside ones (alias.png, alias-folder) and ones that lead out (see LinkEscapes).
    private static string LinkedFolder(TempDirectory dir)
    {
        var folder = Directory.CreateDirectory(dir.File("data")).FullName;
        var png = TestImages.SolidPng(1, 1, 0, 0, 0);
        File.WriteAllBytes(dir.File("outside.png"), png);
        Directory.CreateDirectory(dir.File(Path.Combine("elsewhere", "inner")));
        File.WriteAllBytes(dir.File(Path.Combine("elsewhere", "outside.png")), png);
        File.WriteAllBytes(Path.Combine(folder, "inside.png"), png);
        File.CreateSymbolicLink(Path.Combine(folder, "alias.png"), "inside.png");
        Directory.CreateSymbolicLink(Path.Combine(folder, "alias-folder"), ".");
        File.CreateSymbolicLink(Path.Combine(folder, "relative-link.png"), Path.Combine("..", "outside.png"));
        File.CreateSymbolicLink(Path.Combine(folder, "absolute-link.png"), dir.File("outside.png"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(folder, "elsewhere"), dir.File("elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "deeper"), dir.File(Path.Combine("elsewhere", "inner")));
        File.CreateSymbolicLink(Path.Combine(folder, "chain.png"), "relative-link.png");
        return folder;
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
