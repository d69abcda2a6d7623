using System;

namespace ModelDsl.Runtime.Weights;

/// <summary>
/// A weight file that cannot be read or does not fit the model: the message names the file and, where there is one,
/// the first offending key (<see cref="Key"/>), so the user knows which file and which tensor to look at.
/// </summary>
public sealed class WeightFileException : Exception
{
    public WeightFileException(string path, string? key, string message)
        : base(key is null ? $"{path}: {message}" : $"{path}: '{key}': {message}")
    {
        FilePath = path;
        Key = key;
    }

    public WeightFileException(string path, string? key, string message, Exception inner)
        : base(key is null ? $"{path}: {message}" : $"{path}: '{key}': {message}", inner)
    {
        FilePath = path;
        Key = key;
    }

    /// <summary>The weight file.</summary>
    public string FilePath { get; }

    /// <summary>The first offending tensor name, or null when the problem is the file itself (its header).</summary>
    public string? Key { get; }
}
