using System;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class DataSettingsTests
{
    [Fact]
    public void Test_set_uses_the_training_classes_and_relative_paths()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("train/cat"));
        Directory.CreateDirectory(dir.File("train/dog"));
        File.WriteAllBytes(dir.File("train/cat/1.png"), TestImages.SolidPng(2, 2, 1, 1, 1));
        File.WriteAllBytes(dir.File("train/dog/1.png"), TestImages.SolidPng(2, 2, 2, 2, 2));
        File.WriteAllBytes(dir.File("t.png"), TestImages.SolidPng(2, 2, 3, 3, 3));
        File.WriteAllText(dir.File("test.csv"), "path,label\nt.png,dog\n");

        var settings = new DataSettings
        {
            Train = DataSource.Folder("train", new ImageSize(2, 2), ColorMode.Grayscale),
            Test = DataSource.Csv("test.csv", size: new ImageSize(2, 2), color: ColorMode.Grayscale),
        };
        var loaded = settings.Load(dir.Path, classCount: 2);

        Assert.Equal(new[] { "cat", "dog" }, loaded.ClassNames);
        Assert.Equal(new[] { 1 }, loaded.Test!.Targets[0].ClassIndices);
        Assert.Null(loaded.Validation);

        File.WriteAllText(dir.File("test.csv"), "path,label\nt.png,dog\nt.png,bird\n");
        var ex = Assert.Throws<DataException>(() => settings.Load(dir.Path));
        Assert.Contains("row 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown label 'bird'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_classes_than_output_units_is_reported()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "a", "b", "c" })
        {
            Directory.CreateDirectory(dir.File(name));
            File.WriteAllBytes(dir.File($"{name}/x.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        }

        var settings = new DataSettings { Train = DataSource.Folder(".") };
        var ex = Assert.Throws<DataException>(() => settings.Load(dir.Path, classCount: 2));
        Assert.Contains("3 classes (a, b, c) but the model's output has 2 units", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idx_source_resolves_against_the_base_directory()
    {
        using var dir = new TempDirectory();
        IdxFiles.WriteImagesAndLabels(dir, 3, gzip: false);
        var loaded = new DataSettings { Train = DataSource.Idx("images-idx3-ubyte", "labels-idx1-ubyte") }.Load(dir.Path, classCount: 10);
        Assert.Equal(3, loaded.Train!.Count);
    }
}
