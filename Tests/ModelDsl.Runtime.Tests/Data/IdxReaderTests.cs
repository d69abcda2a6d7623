using System;
using System.Buffers.Binary;
using System.IO;
using ModelDsl.Runtime.Data;
using Xunit;

namespace ModelDsl.Runtime.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_raw_or_gzip(bool gzip)
    {
        using var dir = new TempDirectory();
        var (images, labels) = IdxFiles.WriteImagesAndLabels(dir, 5, gzip);

        var imageArray = IdxReader.Read(images);
        var labelArray = IdxReader.Read(labels);

        Assert.Equal(IdxDataType.UnsignedByte, imageArray.DataType);
        Assert.Equal(new[] { 5, 2, 3 }, imageArray.Dimensions);
        Assert.Equal(new[] { 2, 3 }, imageArray.ItemShape);
        Assert.Equal(30, imageArray.Values.Length);
        Assert.Equal(29f, imageArray.Values[29]);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, labelArray.ToLabels());
    }

    [Fact]
    public void Reads_big_endian_int32_and_float()
    {
        var ints = new byte[4 + 4 + 8];
        ints[2] = 0x0C;
        ints[3] = 1;
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4), 2);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(8), -7);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(12), 70000);
        Assert.Equal(new[] { -7f, 70000f }, IdxReader.Read(new MemoryStream(ints), "ints").Values);

        var floats = new byte[4 + 4 + 4];
        floats[2] = 0x0D;
        floats[3] = 1;
        BinaryPrimitives.WriteInt32BigEndian(floats.AsSpan(4), 1);
        BinaryPrimitives.WriteSingleBigEndian(floats.AsSpan(8), 1.5f);
        Assert.Equal(new[] { 1.5f }, IdxReader.Read(new MemoryStream(floats), "floats").Values);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_names_the_file_and_what_is_missing(bool gzip)
    {
        using var dir = new TempDirectory();
        var raw = IdxFiles.UnsignedBytes([4, 2, 3], new byte[24]);
        var cut = raw[..(raw.Length - 10)];
        var path = dir.File("cut-idx3-ubyte");
        File.WriteAllBytes(path, gzip ? IdxFiles.Gzip(cut) : cut);

        var ex = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 2, 3]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("only 14 bytes follow", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 4 complete items", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.Path);
    }

    [Fact]
    public void Gzip_stream_cut_in_the_middle_is_a_data_error()
    {
        using var dir = new TempDirectory();
        var pixels = new byte[4000];
        new Random(1).NextBytes(pixels);
        var gz = IdxFiles.Gzip(IdxFiles.UnsignedBytes([1000, 2, 2], pixels));
        var path = dir.File("half.gz");
        File.WriteAllBytes(path, gz[..(gz.Length / 2)]);

        var ex = Assert.Throws<DataException>(() => IdxReader.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("download it again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        var bytes = new byte[] { 0, 0, 8, 3, 0, 0, 0, 5, 0, 0 };
        var ex = Assert.Throws<DataException>(() => IdxReader.Read(new MemoryStream(bytes), "short.idx"));
        Assert.Contains("'short.idx' is truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dimension sizes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var ex = Assert.Throws<DataException>(() => IdxReader.Read(new MemoryStream([]), "empty.idx"));
        Assert.Contains("magic number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_magic_is_reported()
    {
        var ex = Assert.Throws<DataException>(() => IdxReader.Read(new MemoryStream("P5 hello"u8.ToArray()), "x.pgm"));
        Assert.Contains("not an IDX file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("50 35", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_code_is_reported()
    {
        var ex = Assert.Throws<DataException>(() => IdxReader.Read(new MemoryStream([0, 0, 0x42, 1, 0, 0, 0, 0]), "t.idx"));
        Assert.Contains("0x42", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_bytes_after_data_are_reported()
    {
        var raw = IdxFiles.UnsignedBytes([2], [1, 2, 3]);
        var ex = Assert.Throws<DataException>(() => IdxReader.Read(new MemoryStream(raw), "extra.idx"));
        Assert.Contains("extra bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_names_it_and_lists_the_folder()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte.gz"), []);
        var missing = dir.File("train-images-idx3-ubyte");

        var ex = Assert.Throws<DataException>(() => IdxReader.Read(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'train-images-idx3-ubyte.gz'", ex.Message, StringComparison.Ordinal);
    }
}
