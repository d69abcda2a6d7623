using System;
using System.IO;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class ClassMapTests
{
    [Fact]
    public void Integer_labels_are_class_indices_and_names_sort_ordinally()
    {
        Assert.Equal(new[] { "0", "1", "2", "3" }, ClassMap.Discover(["3", "0", "1"], i => $"row {i}").Names);
        Assert.Equal(new[] { "cat", "dog" }, ClassMap.Discover(["dog", "cat", "dog"], i => $"row {i}").Names);
        Assert.Equal(2, ClassMap.FromNames(["0", "1", "2"]).IndexOf("002", "row 1"));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("100000000")]
    [InlineData("99999999999999999999999")]
    public void A_huge_integer_label_is_an_error_naming_the_row_not_an_allocation(string label)
    {
        var ex = Assert.Throws<DataException>(() => ClassMap.Discover(["0", label, "1"], i => $"'labels.csv' row {i + 2}"));

        Assert.Contains($"'labels.csv' row 3: label '{label}' is an integer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("99,999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_manifest_with_a_huge_integer_label_is_a_data_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.png"), TestImages.SolidPng(1, 1, 0, 0, 0));
        File.WriteAllText(dir.File("m.csv"), "path,label\na.png,0\na.png,2147483647\n");

        var ex = Assert.Throws<DataException>(() => ManifestLoader.LoadCsv(dir.File("m.csv")));

        Assert.Contains("row 3: label '2147483647'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_names_its_origin_and_the_known_classes()
    {
        var map = ClassMap.FromNames(["cat", "dog"]);

        var ex = Assert.Throws<DataException>(() => map.IndicesOf(["dog", "bird"], i => $"'test.csv' row {i + 2}"));

        Assert.Contains("'test.csv' row 3: unknown label 'bird'; the known classes (from the training data) are 'cat', 'dog'", ex.Message, StringComparison.Ordinal);
    }
}
