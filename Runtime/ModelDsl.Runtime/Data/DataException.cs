using System;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// A problem with training data or a data setting: a missing file or folder, a truncated or malformed file,
/// an unknown label, an unreadable image. The message names the file (and row, where there is one) and says
/// what was expected, so a user can fix the data without reading a stack trace.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string message)
        : base(message)
    {
    }

    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataException()
    {
    }

    /// <summary>The file or folder the problem is in, when there is one.</summary>
    public string? Path { get; init; }
}
