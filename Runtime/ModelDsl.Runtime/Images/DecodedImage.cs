namespace ModelDsl.Runtime.Images;

/// <summary>An 8-bit image as decoded: <see cref="Channels"/> is 1 (gray) or 3 (RGB); pixels are interleaved, row by row (HWC).</summary>
public sealed record DecodedImage(int Width, int Height, int Channels, byte[] Pixels);
