using System;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class ImageLoaderTests
{
    [Fact]
    public void Folder_loads_one_class_per_subfolder_sorted_and_resized()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("dogs"));
        Directory.CreateDirectory(dir.File("cats"));
        File.WriteAllBytes(dir.File("dogs/a.png"), TestImages.SolidPng(4, 6, 200, 0, 0));
        File.WriteAllBytes(dir.File("cats/b.bmp"), TestImages.Bmp(1, 1, [0, 0, 100]));
        File.WriteAllBytes(dir.File("cats/c.png"), TestImages.SolidPng(2, 2, 0, 50, 0));
        File.WriteAllText(dir.File("cats/notes.txt"), "not an image");

        var data = ImageFolderLoader.Load(dir.Path, new ImageSize(3, 3), ColorMode.Rgb);

        Assert.Equal(new[] { "cats", "dogs" }, data.ClassNames);
        Assert.Equal(3, data.Count);
        Assert.Equal(new[] { 3, 3, 3 }, data.Features.ExampleShape);
        // Classes interleaved by relative position: cats/b (1/4), dogs/a (1/2), cats/c (3/4).
        Assert.Equal(new[] { 0, 1, 0 }, data.Targets[0].ClassIndices);
        var values = data.Features.Values!;
        Assert.Equal(100f, values[18]); // b.bmp: blue plane of example 0
        Assert.Equal(200f, values[27]); // a.png: red plane of example 1
        Assert.Equal(50f, values[54 + 9]); // c.png: green plane of example 2
    }

    [Fact]
    public void Missing_folder_names_it()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("trian");
        Directory.CreateDirectory(dir.File("train"));

        var ex = Assert.Throws<DataException>(() => ImageFolderLoader.Load(missing));

        Assert.Contains($"'{missing}' does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'train'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_class_folders_says_what_is_expected()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        var ex = Assert.Throws<DataException>(() => ImageFolderLoader.Load(dir.Path));
        Assert.Contains("one sub-folder per class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_image_names_the_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("cats"));
        File.WriteAllBytes(dir.File("cats/good.png"), TestImages.SolidPng(2, 2, 0, 0, 0));
        var bad = dir.File("cats/broken.png");
        File.WriteAllText(bad, "this is not a png");

        var ex = Assert.Throws<DataException>(() => ImageFolderLoader.Load(dir.Path, new ImageSize(2, 2)));

        Assert.Contains($"'{bad}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be decoded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(bad, ex.Path);
    }

    [Fact]
    public void With_several_bad_images_the_first_listed_is_reported()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("a"));
        File.WriteAllBytes(dir.File("a/1.png"), TestImages.SolidPng(2, 2, 0, 0, 0));
        for (var i = 2; i <= 9; i++)
        {
            File.WriteAllBytes(dir.File($"a/{i}.png"), i is 4 or 7 ? [1, 2, 3] : TestImages.SolidPng(2, 2, 9, 9, 9));
        }

        var ex = Assert.Throws<DataException>(() => ImageFolderLoader.Load(dir.Path));
        Assert.Equal(dir.File("a/4.png"), ex.Path);
    }

    [Fact]
    public void Images_of_different_sizes_without_size_setting_are_reported()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("a"));
        File.WriteAllBytes(dir.File("a/1.png"), TestImages.SolidPng(2, 2, 0, 0, 0));
        File.WriteAllBytes(dir.File("a/2.png"), TestImages.SolidPng(3, 2, 0, 0, 0));
        var ex = Assert.Throws<DataException>(() => ImageFolderLoader.Load(dir.Path));
        Assert.Contains("size: (h, w)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_manifest_loads_relative_paths_and_class_names()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("img"));
        File.WriteAllBytes(dir.File("img/x.png"), TestImages.SolidPng(2, 2, 10, 10, 10));
        File.WriteAllBytes(dir.File("img/y.png"), TestImages.SolidPng(2, 2, 20, 20, 20));
        File.WriteAllText(dir.File("labels.csv"), "location,label\nimg/x.png,dog\n\nimg/y.png,cat\n");

        var data = ManifestLoader.LoadCsv(dir.File("labels.csv"), "location", "label", color: ColorMode.Grayscale);

        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
        Assert.Equal(new[] { 1, 0 }, data.Targets[0].ClassIndices);
        Assert.Equal(new[] { 1, 2, 2 }, data.Features.ExampleShape);
        Assert.Equal(20f, data.Features.Values![4], 3);
    }

    [Fact]
    public void Csv_unknown_label_names_file_and_row()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.png"), TestImages.SolidPng(2, 2, 10, 10, 10));
        var csv = dir.File("test.csv");
        File.WriteAllText(csv, "path,label\nx.png,cat\nx.png,horse\n");

        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv, classNames: ["cat", "dog"]));

        Assert.Contains($"'{csv}' row 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown label 'horse'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'cat', 'dog'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_missing_column_lists_the_header()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("m.csv");
        File.WriteAllText(csv, "file,label\nx.png,cat\n");
        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv, "location", "label"));
        Assert.Contains("no 'location' column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'file', 'label'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_row_naming_a_missing_image_gives_file_and_row()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("m.csv");
        File.WriteAllText(csv, "path,label\nnowhere.png,cat\n");
        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(csv));
        Assert.Contains("nowhere.png", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_manifest_accepts_numeric_labels()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.png"), TestImages.SolidPng(1, 1, 1, 2, 3));
        File.WriteAllText(dir.File("m.json"), """{ "items": [ { "file": "a.png", "y": 2 }, { "file": "a.png", "y": 0 } ] }""");

        var data = ManifestLoader.LoadJson(dir.File("m.json"), "file", "y");

        Assert.Equal(new[] { "0", "1", "2" }, data.ClassNames);
        Assert.Equal(new[] { 2, 0 }, data.Targets[0].ClassIndices);
    }

    [Fact]
    public void Json_errors_name_the_entry()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("m.json"), """[ { "path": "a.png", "label": "x" }, { "path": "b.png" } ]""");
        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadJson(dir.File("m.json")));
        Assert.Contains("entry 2 has no 'label' field", ex.Message, StringComparison.Ordinal);

        File.WriteAllText(dir.File("bad.json"), "[ { ");
        Assert.Contains("not valid JSON", Assert.Throws<DataException>(() => ManifestLoader.LoadJson(dir.File("bad.json"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_fifos_and_nul_in_paths_are_data_errors_not_hangs_or_crashes()
    {
        var zero = Assert.Throws<DataException>(() => ImageFiles.Load("/dev/zero", ColorMode.Rgb, null, "row 2 of m.csv"));
        Assert.Equal("Image '/dev/zero' (row 2 of m.csv) is empty, or not a regular file (a device, FIFO or socket).", zero.Message);

        using var dir = new TempDirectory();
        var fifo = dir.File("pipe.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        var pipe = Assert.Throws<DataException>(() => ImageFiles.Load(fifo, ColorMode.Rgb, null));
        Assert.Contains("not a regular file", pipe.Message, StringComparison.Ordinal);

        var nul = Assert.Throws<DataException>(() => ImageFiles.Load(dir.File("a\0b.png"), ColorMode.Rgb, null));
        Assert.Contains("has a NUL character in its path", nul.Message, StringComparison.Ordinal);
    }
}
