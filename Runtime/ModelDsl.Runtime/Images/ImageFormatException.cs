using System;

namespace ModelDsl.Runtime.Images;

/// <summary>Raised by the decoders for malformed or unsupported image data; loaders wrap it with the file name.</summary>
public sealed class ImageFormatException : Exception
{
    public ImageFormatException(string message)
        : base(message)
    {
    }

    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImageFormatException()
    {
    }
}
