namespace ModelDsl.Runtime.Images;

/// <summary>
/// What an image file may declare before any pixel is decoded. Headers are untrusted: a 254-byte PNG can declare
/// 60000×60000 pixels, and a 4×4 PNG can inflate to a gigabyte; both are refused up front as
/// <see cref="ImageFormatException"/> instead of running out of memory. Set <see cref="ImageDecoder.Limits"/> to
/// change them for the process.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>16,384 × 16,384 pixels of up to 4 channels: far above training images, far below an out-of-memory.</summary>
    public static ImageLimits Default { get; } = new();

    public int MaxWidth { get; init; } = 16_384;

    public int MaxHeight { get; init; } = 16_384;

    /// <summary>The largest image file read at all (256 MB).</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>The most bytes the decoded 8-bit pixels (width × height × channels) may take.</summary>
    public long MaxDecodedBytes { get; init; } = 16_384L * 16_384 * 4;
}
