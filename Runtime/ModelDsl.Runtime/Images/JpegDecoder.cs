using System;
using System.Buffers.Binary;

namespace ModelDsl.Runtime.Images;

/// <summary>
/// A baseline JPEG decoder (sequential DCT, Huffman coding, 8-bit samples; gray or YCbCr with any sampling
/// factors up to 4; restart markers). Progressive and arithmetic-coded files are rejected with a clear message.
/// Chroma is upsampled by pixel replication and the IDCT is the straightforward separable float transform:
/// results match libjpeg within a few levels, which is well below what augmentation changes anyway.
/// </summary>
public static class JpegDecoder
{
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ];

    private static readonly float[] IdctTable = BuildIdctTable();

    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        if (!IsJpeg(data))
        {
            throw new ImageFormatException("not a JPEG file");
        }

        var quant = new int[4][];
        var dcTables = new HuffmanTable?[4];
        var acTables = new HuffmanTable?[4];
        Component[]? components = null;
        int width = 0, height = 0, restartInterval = 0;
        var position = 2;
        while (true)
        {
            if (position + 4 > data.Length)
            {
                throw new ImageFormatException("the file is truncated before the image data");
            }

            if (data[position] != 0xFF)
            {
                throw new ImageFormatException($"expected a marker at byte {position}");
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (position + 2 + length > data.Length)
            {
                throw new ImageFormatException("the file is truncated inside a header segment");
            }

            var segment = data.Slice(position + 4, length - 2);
            position += 2 + length;
            switch (marker)
            {
                case 0xDB:
                    ReadQuantTables(segment, quant);
                    break;
                case 0xC4:
                    ReadHuffmanTables(segment, dcTables, acTables);
                    break;
                case 0xDD:
                    restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xC0:
                case 0xC1:
                    (width, height, components) = ReadFrame(segment);
                    break;
                case 0xC2:
                case 0xC6:
                case 0xCA:
                case 0xCE:
                    throw new ImageFormatException("progressive JPEG is not supported; re-save the image as baseline JPEG or PNG");
                case 0xC3:
                case 0xC5:
                case 0xC7:
                case 0xC9:
                case 0xCB:
                case 0xCD:
                case 0xCF:
                    throw new ImageFormatException("lossless or arithmetic-coded JPEG is not supported; re-save the image as baseline JPEG or PNG");
                case 0xDA:
                    if (components is null)
                    {
                        throw new ImageFormatException("the scan starts before the frame header");
                    }

                    ReadScanHeader(segment, components, dcTables, acTables);
                    DecodeScan(data, ref position, components, width, height, restartInterval, quant);
                    return ToImage(components, width, height);
                case 0xD9:
                    throw new ImageFormatException("the file ends before any image data");
                default:
                    break; // APPn, COM and others carry nothing we need
            }
        }
    }

    private static void ReadQuantTables(ReadOnlySpan<byte> segment, int[][] quant)
    {
        var offset = 0;
        while (offset < segment.Length)
        {
            var precision = segment[offset] >> 4;
            var id = segment[offset] & 3;
            offset++;
            var table = new int[64];
            for (var i = 0; i < 64; i++)
            {
                if (offset + (precision == 0 ? 1 : 2) > segment.Length)
                {
                    throw new ImageFormatException("a quantization table is truncated");
                }

                table[ZigZag[i]] = precision == 0 ? segment[offset] : BinaryPrimitives.ReadUInt16BigEndian(segment[offset..]);
                offset += precision == 0 ? 1 : 2;
            }

            quant[id] = table;
        }
    }

    private static void ReadHuffmanTables(ReadOnlySpan<byte> segment, HuffmanTable?[] dc, HuffmanTable?[] ac)
    {
        var offset = 0;
        while (offset + 17 <= segment.Length)
        {
            var tableClass = segment[offset] >> 4;
            var id = segment[offset] & 3;
            var counts = segment.Slice(offset + 1, 16).ToArray();
            offset += 17;
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            if (offset + total > segment.Length)
            {
                throw new ImageFormatException("a Huffman table is truncated");
            }

            var table = new HuffmanTable(counts, segment.Slice(offset, total).ToArray());
            offset += total;
            (tableClass == 0 ? dc : ac)[id] = table;
        }
    }

    private static (int Width, int Height, Component[] Components) ReadFrame(ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 6 || segment[0] != 8)
        {
            throw new ImageFormatException(segment.Length < 6 ? "the frame header is truncated" : $"{segment[0]}-bit JPEG samples are not supported (only 8-bit)");
        }

        var height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (width == 0 || height == 0 || count is not (1 or 3) || segment.Length < 6 + (count * 3))
        {
            throw new ImageFormatException($"unsupported frame: {width}x{height} with {count} components");
        }

        var components = new Component[count];
        for (var i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + (i * 3), 3);
            var h = c[1] >> 4;
            var v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
            {
                throw new ImageFormatException("invalid sampling factors");
            }

            components[i] = new Component(c[0], h, v, c[2] & 3);
        }

        var maxH = 1;
        var maxV = 1;
        foreach (var c in components)
        {
            maxH = Math.Max(maxH, c.H);
            maxV = Math.Max(maxV, c.V);
        }

        var mcuX = (width + (8 * maxH) - 1) / (8 * maxH);
        var mcuY = (height + (8 * maxV) - 1) / (8 * maxV);
        foreach (var c in components)
        {
            c.BlocksPerLine = mcuX * c.H;
            c.BlocksPerColumn = mcuY * c.V;
            c.Samples = new byte[c.BlocksPerLine * 8 * c.BlocksPerColumn * 8];
            c.MaxH = maxH;
            c.MaxV = maxV;
        }

        return (width, height, components);
    }

    private static void ReadScanHeader(ReadOnlySpan<byte> segment, Component[] components, HuffmanTable?[] dc, HuffmanTable?[] ac)
    {
        int count = segment[0];
        if (count != components.Length)
        {
            throw new ImageFormatException("multi-scan (non-interleaved) baseline JPEG is not supported; re-save the image");
        }

        for (var i = 0; i < count; i++)
        {
            var id = segment[1 + (i * 2)];
            var tables = segment[2 + (i * 2)];
            var component = Array.Find(components, c => c.Id == id) ?? throw new ImageFormatException($"the scan names unknown component {id}");
            component.Dc = dc[tables >> 4] ?? throw new ImageFormatException("a DC Huffman table is missing");
            component.Ac = ac[tables & 15] ?? throw new ImageFormatException("an AC Huffman table is missing");
        }
    }

    private static void DecodeScan(ReadOnlySpan<byte> data, ref int position, Component[] components, int width, int height, int restartInterval, int[][] quant)
    {
        var reader = new BitReader(data, position);
        var maxH = components[0].MaxH;
        var maxV = components[0].MaxV;
        var mcuX = (width + (8 * maxH) - 1) / (8 * maxH);
        var mcuY = (height + (8 * maxV) - 1) / (8 * maxV);
        var coefficients = new int[64];
        var block = new float[64];
        var mcus = mcuX * mcuY;
        for (var m = 0; m < mcus; m++)
        {
            if (restartInterval > 0 && m > 0 && m % restartInterval == 0)
            {
                reader.Restart();
                foreach (var c in components)
                {
                    c.Predictor = 0;
                }
            }

            var mx = m % mcuX;
            var my = m / mcuX;
            foreach (var c in components)
            {
                var table = quant[c.QuantTable] ?? throw new ImageFormatException("a quantization table is missing");
                for (var by = 0; by < c.V; by++)
                {
                    for (var bx = 0; bx < c.H; bx++)
                    {
                        DecodeBlock(ref reader, c, coefficients);
                        for (var i = 0; i < 64; i++)
                        {
                            block[i] = coefficients[i] * table[i];
                        }

                        InverseDct(block, c, ((my * c.V) + by) * 8, ((mx * c.H) + bx) * 8);
                    }
                }
            }
        }

        position = reader.Position;
    }

    private static void DecodeBlock(ref BitReader reader, Component c, int[] coefficients)
    {
        Array.Clear(coefficients);
        var t = reader.Decode(c.Dc!);
        var diff = t == 0 ? 0 : Extend(reader.Bits(t), t);
        c.Predictor += diff;
        coefficients[0] = c.Predictor;
        for (var k = 1; k < 64;)
        {
            var rs = reader.Decode(c.Ac!);
            var s = rs & 15;
            var r = rs >> 4;
            if (s == 0)
            {
                if (r != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += r;
            if (k > 63)
            {
                throw new ImageFormatException("corrupt image data (coefficient index out of range)");
            }

            coefficients[ZigZag[k]] = Extend(reader.Bits(s), s);
            k++;
        }
    }

    private static int Extend(int value, int bits) => value < (1 << (bits - 1)) ? value - (1 << bits) + 1 : value;

    private static void InverseDct(float[] block, Component c, int top, int left)
    {
        Span<float> temp = stackalloc float[64];
        var table = IdctTable;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                float sum = 0;
                for (var u = 0; u < 8; u++)
                {
                    sum += table[(x * 8) + u] * block[(y * 8) + u];
                }

                temp[(y * 8) + x] = sum;
            }
        }

        var stride = c.BlocksPerLine * 8;
        for (var x = 0; x < 8; x++)
        {
            for (var y = 0; y < 8; y++)
            {
                float sum = 0;
                for (var v = 0; v < 8; v++)
                {
                    sum += table[(y * 8) + v] * temp[(v * 8) + x];
                }

                c.Samples![((top + y) * stride) + left + x] = (byte)Math.Clamp((int)MathF.Round(sum + 128), 0, 255);
            }
        }
    }

    private static float[] BuildIdctTable()
    {
        // table[x * 8 + u] = C(u)/2 · cos((2x + 1)uπ / 16)
        var table = new float[64];
        for (var x = 0; x < 8; x++)
        {
            for (var u = 0; u < 8; u++)
            {
                var cu = u == 0 ? 1 / Math.Sqrt(2) : 1;
                table[(x * 8) + u] = (float)(cu / 2 * Math.Cos(((2 * x) + 1) * u * Math.PI / 16));
            }
        }

        return table;
    }

    private static DecodedImage ToImage(Component[] components, int width, int height)
    {
        if (components.Length == 1)
        {
            var c = components[0];
            var gray = new byte[width * height];
            var stride = c.BlocksPerLine * 8;
            for (var y = 0; y < height; y++)
            {
                Array.Copy(c.Samples!, y * stride, gray, y * width, width);
            }

            return new DecodedImage(width, height, 1, gray);
        }

        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var luma = Sample(components[0], x, y);
                var cb = Sample(components[1], x, y) - 128f;
                var cr = Sample(components[2], x, y) - 128f;
                var p = ((y * width) + x) * 3;
                pixels[p] = Clamp(luma + (1.402f * cr));
                pixels[p + 1] = Clamp(luma - (0.344136f * cb) - (0.714136f * cr));
                pixels[p + 2] = Clamp(luma + (1.772f * cb));
            }
        }

        return new DecodedImage(width, height, 3, pixels);
    }

    private static float Sample(Component c, int x, int y) =>
        c.Samples![(y * c.V / c.MaxV * c.BlocksPerLine * 8) + (x * c.H / c.MaxH)];

    private static byte Clamp(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);

    private sealed class Component(int id, int h, int v, int quantTable)
    {
        public int Id { get; } = id;

        public int H { get; } = h;

        public int V { get; } = v;

        public int QuantTable { get; } = quantTable;

        public int MaxH { get; set; }

        public int MaxV { get; set; }

        public int BlocksPerLine { get; set; }

        public int BlocksPerColumn { get; set; }

        public byte[]? Samples { get; set; }

        public HuffmanTable? Dc { get; set; }

        public HuffmanTable? Ac { get; set; }

        public int Predictor { get; set; }
    }

    private sealed class HuffmanTable
    {
        // Canonical Huffman decoding: for each code length, the largest code and the index of its first value.
        private readonly int[] _maxCode = new int[18];
        private readonly int[] _valueOffset = new int[18];
        private readonly byte[] _values;

        public HuffmanTable(byte[] counts, byte[] values)
        {
            _values = values;
            var code = 0;
            var index = 0;
            for (var length = 1; length <= 16; length++)
            {
                _valueOffset[length] = index - code;
                code += counts[length - 1];
                index += counts[length - 1];
                _maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
                code <<= 1;
            }

            _maxCode[17] = int.MaxValue;
        }

        public int MaxCode(int length) => _maxCode[length];

        public byte Value(int code, int length)
        {
            var index = code + _valueOffset[length];
            if ((uint)index >= (uint)_values.Length)
            {
                throw new ImageFormatException("corrupt image data (bad Huffman code)");
            }

            return _values[index];
        }
    }

    private ref struct BitReader(ReadOnlySpan<byte> data, int position)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _bitBuffer;
        private int _bitCount;

        public int Position { get; private set; } = position;

        public int Decode(HuffmanTable table)
        {
            var code = 0;
            for (var length = 1; length <= 16; length++)
            {
                code = (code << 1) | Bit();
                if (table.MaxCode(length) >= code)
                {
                    return table.Value(code, length);
                }
            }

            throw new ImageFormatException("corrupt image data (bad Huffman code)");
        }

        public int Bits(int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++)
            {
                value = (value << 1) | Bit();
            }

            return value;
        }

        public void Restart()
        {
            _bitCount = 0;
            // Skip to and over the RSTn marker.
            while (Position + 1 < _data.Length && !(_data[Position] == 0xFF && _data[Position + 1] is >= 0xD0 and <= 0xD7))
            {
                Position++;
            }

            Position += 2;
        }

        private int Bit()
        {
            if (_bitCount == 0)
            {
                if (Position >= _data.Length)
                {
                    throw new ImageFormatException("the image data ends early (truncated file)");
                }

                var b = _data[Position];
                if (b == 0xFF)
                {
                    var next = Position + 1 < _data.Length ? _data[Position + 1] : 0xD9;
                    if (next == 0x00)
                    {
                        Position += 2;
                    }
                    else
                    {
                        // A marker inside the entropy data: the data ended early; pad with ones as libjpeg does.
                        if (next == 0xD9)
                        {
                            throw new ImageFormatException("the image data ends early (truncated file)");
                        }

                        b = 0xFF;
                    }
                }
                else
                {
                    Position++;
                }

                _bitBuffer = b;
                _bitCount = 8;
            }

            _bitCount--;
            return (_bitBuffer >> _bitCount) & 1;
        }
    }
}
