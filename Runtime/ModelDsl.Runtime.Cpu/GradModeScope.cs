using System;

namespace ModelDsl.Runtime.Cpu;

/// <summary>Restores gradient recording when disposed (returned by <see cref="Autograd.NoGrad"/>).</summary>
public readonly struct GradModeScope : IDisposable, IEquatable<GradModeScope>
{
    private readonly bool _active;

    internal GradModeScope(bool active) => _active = active;

    /// <summary>Re-enables recording.</summary>
    public void Dispose()
    {
        if (_active)
        {
            Autograd.Exit();
        }
    }

    /// <inheritdoc/>
    public bool Equals(GradModeScope other) => _active == other._active;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GradModeScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _active.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(GradModeScope left, GradModeScope right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GradModeScope left, GradModeScope right) => !left.Equals(right);
}
