using System;

namespace ModelDsl.Runtime.Training;

/// <summary>A training setting that cannot work with the given data or model (an unknown monitor, no validation data
/// for a <c>val_</c> monitor, a checkpoint that does not fit), reported before any time is spent training.</summary>
public sealed class TrainingException : Exception
{
    public TrainingException(string message)
        : base(message)
    {
    }

    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingException()
    {
    }
}
