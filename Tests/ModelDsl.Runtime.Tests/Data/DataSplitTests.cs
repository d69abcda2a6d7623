using System;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Images;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

/// <summary>
/// <c>test_split</c>, nested class folders and the folder order that makes "the last fraction" hold every class.
/// Every image is a 1×1 grayscale PNG whose value identifies it, so a test can say which file landed where.
/// </summary>
public sealed class DataSplitTests
{
    [Fact]
    public void Test_split_takes_the_last_fraction_of_the_training_source_and_keeps_its_classes()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/cat", 1, 2, 3, 4, 5);
        WriteImages(dir, "train/dog", 11, 12, 13, 14, 15);

        var loaded = new DataSettings { Train = Folder("train"), TestSplit = 0.2 }.Load(dir.Path, classCount: 2);

        Assert.Equal(8, loaded.Train!.Count);
        Assert.Equal(2, loaded.Test!.Count);
        // The last file of each class (the folder order interleaves the classes), with the training data's class map.
        Assert.Equal(new float[] { 5, 15 }, Ids(loaded.Test));
        Assert.Equal(new[] { 0, 1 }, loaded.Test.Targets[0].ClassIndices);
        Assert.Equal(new[] { "cat", "dog" }, loaded.Test.ClassNames);
        Assert.Empty(Ids(loaded.Train).Intersect(Ids(loaded.Test)));
    }

    [Fact]
    public void Test_split_of_an_unbalanced_folder_holds_out_the_same_share_of_each_class()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/a", [.. Enumerable.Range(1, 40)]);
        WriteImages(dir, "train/b", [.. Enumerable.Range(101, 10)]);

        var loaded = new DataSettings { Train = Folder("train"), TestSplit = 0.2 }.Load(dir.Path);

        Assert.Equal(10, loaded.Test!.Count);
        Assert.Equal(8, loaded.Test.Targets[0].ClassIndices!.Count(c => c == 0));
        Assert.Equal(2, loaded.Test.Targets[0].ClassIndices!.Count(c => c == 1));
        Assert.Equal(new float[] { 33, 34, 35, 36, 37, 38, 39, 40, 109, 110 }, Ids(loaded.Test).Order());
    }

    [Fact]
    public void Test_split_with_a_test_source_or_without_a_train_source_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/a", 1, 2);
        WriteImages(dir, "train/b", 3, 4);

        var both = Assert.Throws<DataException>(() => new DataSettings { Train = Folder("train"), Test = Folder("train"), TestSplit = 0.5 }.Load(dir.Path));
        Assert.Contains("test_split and a test source are both given", both.Message, StringComparison.Ordinal);
        var none = Assert.Throws<DataException>(() => new DataSettings { Test = Folder("train"), TestSplit = 0.5 }.Load(dir.Path));
        Assert.Contains("no train source", none.Message, StringComparison.Ordinal);
        var tooMuch = Assert.Throws<DataException>(() => new DataSettings { Train = Folder("train"), TestSplit = 0.9 }.Load(dir.Path));
        Assert.Contains("as the test split leaves no training examples", tooMuch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_class_folders_are_read_recursively_with_the_top_folder_as_the_class()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/cat", 1);
        WriteImages(dir, "train/cat/indoor", 2, 3);
        WriteImages(dir, "train/cat/outdoor/garden", 4);
        WriteImages(dir, "train/dog/park", 11);
        File.WriteAllText(Path.Combine(dir.Path, "train", "dog", "park", "notes.txt"), "not an image");

        var data = ImageFolderLoader.Load(dir.File("train"), color: ColorMode.Grayscale);

        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
        Assert.Equal(5, data.Count);
        Assert.Equal(4, data.Targets[0].ClassIndices!.Count(c => c == 0));
        // Within a class, by path below the class folder: 001.png, indoor/002.png, indoor/003.png, outdoor/garden/004.png.
        var cats = Ids(data).Where((_, i) => data.Targets[0].ClassIndices![i] == 0);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, cats);
        Assert.Equal(11f, Ids(data)[data.Targets[0].ClassIndices!.ToList().IndexOf(1)]);
    }

    [Fact]
    public void A_class_folder_with_images_only_in_sub_folders_is_not_empty()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/a/x/y/z", 7);
        WriteImages(dir, "train/b/w", 8);

        var data = ImageFolderLoader.Load(dir.File("train"), color: ColorMode.Grayscale);

        Assert.Equal(new float[] { 7, 8 }, Ids(data));
    }

    [Fact]
    public void A_symbolic_link_to_a_folder_below_a_class_folder_is_not_followed()
    {
        using var dir = new TempDirectory();
        WriteImages(dir, "train/a", 1);
        WriteImages(dir, "train/b", 2);
        // A loop (a/loop -> a) would otherwise recurse without end; Keras' follow_links=False skips it too.
        Directory.CreateSymbolicLink(dir.File("train/a/loop"), dir.File("train/a"));

        var data = ImageFolderLoader.Load(dir.File("train"), color: ColorMode.Grayscale);

        Assert.Equal(2, data.Count);
    }

    /// <summary>The value each example's image was written with (grayscale conversion may be off by a rounding error).</summary>
    private static float[] Ids(Dataset data) => [.. data.Features.Values!.Select(v => MathF.Round(v))];

    private static DataSource Folder(string path) => DataSource.Folder(path, new ImageSize(1, 1), ColorMode.Grayscale);

    private static void WriteImages(TempDirectory dir, string folder, params int[] values)
    {
        Directory.CreateDirectory(dir.File(folder));
        foreach (var value in values)
        {
            File.WriteAllBytes(Path.Combine(dir.File(folder), $"{value:D3}.png"), TestImages.SolidPng(1, 1, (byte)value, (byte)value, (byte)value));
        }
    }
}
