using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Runtime.Tests.Weights;

public sealed class SafetensorsFileTests
{
    private static readonly WeightTensor Conv = new("stem.conv2d_0.weight", new long[] { 2, 1, 2, 2 }, new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
    private static readonly WeightTensor Mean = new("stem.batchnorm_0.running_mean", new long[] { 2 }, new float[] { -0.5f, 0.25f });

    [Fact]
    public void Round_trip_keeps_names_shapes_values_and_order()
    {
        using var temp = new TempDirectory();
        var path = temp.File("w.safetensors");
        SafetensorsFile.Write(path, new[] { Conv, Mean });

        var read = SafetensorsFile.Read(path);

        Assert.Equal(new[] { Conv.Name, Mean.Name }, read.Select(t => t.Name));
        Assert.Equal(Conv.Shape, read[0].Shape);
        Assert.Equal(Conv.Values, read[0].Values);
        Assert.Equal(Mean.Values, read[1].Values);
    }

    [Fact]
    public void Written_file_follows_the_format_header_padded_to_8_bytes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("w.safetensors");
        SafetensorsFile.Write(path, new[] { Mean });
        var bytes = File.ReadAllBytes(path);

        var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)length);
        Assert.Equal(0, (8 + length) % 8);
        Assert.Equal("{\"stem.batchnorm_0.running_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.TrimEnd(' '));
        Assert.Equal(8 + length + 8, bytes.Length);
        Assert.Equal(-0.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + length))));
    }

    [Fact]
    public void Reads_half_bfloat_double_and_integer_tensors_as_float()
    {
        var data = new byte[2 + 2 + 8 + 8];
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(0), (Half)1.5f);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), (ushort)(BitConverter.SingleToInt32Bits(-2f) >> 16));
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(4), 0.125);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(12), 42);
        var header = "{\"__metadata__\":{\"format\":\"pt\"},\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[2,4]},\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[4,12]},"
            + "\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[12,20]}}";
        using var temp = new TempDirectory();
        var path = temp.File("pt.safetensors");
        File.WriteAllBytes(path, FileBytes(header, data));

        var read = SafetensorsFile.Read(path).ToDictionary(t => t.Name);

        Assert.Equal(1.5f, read["h"].Values[0]);
        Assert.Equal(-2f, read["b"].Values[0]);
        Assert.Equal(0.125f, read["d"].Values[0]);
        Assert.Empty(read["d"].Shape);
        Assert.Equal(42f, read["bn.num_batches_tracked"].Values[0]);
    }

    [Theory]
    [InlineData(0, "is empty")]
    [InlineData(5, "fewer than the 8-byte header length")]
    [InlineData(12, "truncated: the header claims")]
    public void Truncated_files_are_clear_errors(int keep, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("w.safetensors");
        SafetensorsFile.Write(path, new[] { Conv, Mean });
        File.WriteAllBytes(path, File.ReadAllBytes(path).Take(keep).ToArray());

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_cut_short_names_the_first_tensor_past_the_end()
    {
        using var temp = new TempDirectory();
        var path = temp.File("w.safetensors");
        SafetensorsFile.Write(path, new[] { Conv, Mean });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.Take(bytes.Length - 4).ToArray());

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(Mean.Name, error.Key);
        Assert.Contains("reach past the end of the data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_header_length_is_refused_before_anything_is_allocated()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue / 2);
        using var temp = new TempDirectory();
        var path = temp.File("huge.safetensors");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Contains("the header length is", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Key);
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "a", "span 4 bytes but F32 [2] needs 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", "b", "overlap those of 'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "a", "end before they begin")]
    [InlineData("{\"a\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", "a", "unsupported dtype \"Q4\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "a", "not a non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", "a", "is too large")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "a", "no \"data_offsets\" array")]
    [InlineData("{\"a\":[1,2]}", "a", "not {\"dtype\"")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "a", "names this tensor twice")]
    [InlineData("{\"__metadata__\":{\"n\":1}}", "__metadata__", "an object of strings")]
    [InlineData("[1, 2]", null, "not an object of tensors")]
    [InlineData("{\"a\":", null, "not valid JSON")]
    public void Header_lies_are_clear_errors_naming_the_first_offending_key(string header, string? key, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("bad.safetensors");
        File.WriteAllBytes(path, FileBytes(header, new byte[8]));

        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read(path));

        Assert.Equal(key, error.Key);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<WeightFileException>(() => SafetensorsFile.Read("/nonexistent/w.safetensors"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        var path = temp.File("w.safetensors");
        File.WriteAllText(path, "old");
        SafetensorsFile.Write(path, new[] { Conv });

        Assert.Single(Directory.GetFiles(temp.Path));
        Assert.Equal(Conv.Values, SafetensorsFile.Read(path)[0].Values);
    }

    private static byte[] FileBytes(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }
}
