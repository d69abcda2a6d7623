using System;
using System.IO;

namespace ModelDsl.Runtime.Cpu.State;

/// <summary>A state file that cannot be read or does not fit the model/optimiser; the message names what differs.</summary>
public sealed class StateFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    public StateFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public StateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StateFileException()
    {
    }
}
