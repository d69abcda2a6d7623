using System;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Tests.Data;
using Xunit;

namespace ModelDsl.EndToEnd.Tests;

/// <summary>
/// The generated <c>LoadData</c> (Models/pets.model) gives every split the training split's class map: a class index
/// means the same in training, validation and test data, an unknown label is an error naming file and row, and the
/// number of classes is checked against the model's 3 output units before anything trains.
/// </summary>
public sealed class ClassMapTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modeldsl-classmap-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_test_manifest_with_only_dog_rows_labels_them_as_training_does()
    {
        WriteFolder("train", "cat", "dog", "fox");
        WriteFolder("validation", "cat", "dog", "fox");
        WriteTest("path,label\nt.png,dog\nt.png,dog\n");

        var (train, validation, test) = PetsTrainer.LoadData(_directory);

        Assert.Equal(new[] { "cat", "dog", "fox" }, train.ClassNames);
        Assert.Equal(new[] { 1, 1 }, test!.Targets[0].ClassIndices);
        Assert.Equal(new[] { "cat", "dog", "fox" }, test.ClassNames);
        Assert.Equal(3, validation!.Targets[0].ClassCount);
    }

    [Fact]
    public void A_validation_folder_lacking_a_class_keeps_the_training_indices()
    {
        WriteFolder("train", "a", "b", "c");
        WriteFolder("validation", "b", "c");
        WriteTest("path,label\nt.png,a\n");

        var (_, validation, _) = PetsTrainer.LoadData(_directory);

        // b and c stay 1 and 2 (on their own they would be 0 and 1).
        Assert.Equal(new[] { 1, 2 }, validation!.Targets[0].ClassIndices);
    }

    [Fact]
    public void An_unknown_test_label_is_an_error_naming_file_and_row()
    {
        WriteFolder("train", "cat", "dog");
        WriteFolder("validation", "cat", "dog");
        WriteTest("path,label\nt.png,dog\nt.png,bird\n");

        var ex = Assert.Throws<DataException>(() => PetsTrainer.LoadData(_directory));

        Assert.Contains("test.csv' row 3: unknown label 'bird'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'cat', 'dog'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_class_the_training_data_lacks_is_an_error()
    {
        WriteFolder("train", "cat", "dog");
        WriteFolder("validation", "cat", "dog", "emu");
        WriteTest("path,label\nt.png,dog\n");

        var ex = Assert.Throws<DataException>(() => PetsTrainer.LoadData(_directory));

        Assert.Contains("unknown label 'emu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_training_classes_than_output_units_is_an_error_before_training()
    {
        WriteFolder("train", "a", "b", "c", "d", "e");
        WriteFolder("validation", "a");
        WriteTest("path,label\nt.png,a\n");

        var ex = Assert.Throws<DataException>(() => PetsTrainer.LoadData(_directory));

        Assert.Contains("5 classes (a, b, c, d, e) but the model's output has 3 units", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_refuses_data_with_more_classes_than_output_units_before_the_first_epoch()
    {
        var features = new float[5 * 4];
        var data = Dataset.FromArrays(features, [1, 2, 2], [0, 1, 2, 3, 4]);
        var progress = new CapturingProgress();
        var trainer = new PetsTrainer { Progress = progress };

        var ex = Assert.Throws<ModelDsl.Runtime.Training.TrainingException>(() => trainer.Fit(data, data));

        Assert.Contains("5 classes but the model's output has 3 units", ex.Message, StringComparison.Ordinal);
    }

    private void WriteFolder(string split, params string[] classes)
    {
        foreach (var name in classes)
        {
            var folder = Path.Combine(_directory, "pets", split, name);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "1.png"), TestImages.SolidPng(2, 2, 9, 9, 9));
        }
    }

    private void WriteTest(string csv)
    {
        File.WriteAllBytes(Path.Combine(_directory, "pets", "t.png"), TestImages.SolidPng(2, 2, 5, 5, 5));
        File.WriteAllText(Path.Combine(_directory, "pets", "test.csv"), csv);
    }
}
