using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// A region whose temporary tensors return their storage to a buffer pool when it ends, so a training
/// loop does not allocate after the first step. Tensors created by operations inside the scope (activations,
/// losses, saved intermediates) are released on <see cref="Dispose"/>; parameters, buffers, gradients of leaf
/// tensors and optimiser state are never scope-owned. Use <see cref="Keep"/> to take a tensor out of the scope.
/// </summary>
/// <example>
/// <code>
/// using (TensorScope.Begin())
/// {
///     var loss = Functional.CrossEntropy(model.Forward(x), labels);
///     loss.Backward();
///     optimizer.Step();
///     total += loss.Item();
/// }
/// </code>
/// </example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? _current;

    [ThreadStatic]
    private static TensorScope? _spare;

    private readonly List<Tensor> _tensors = [];
    private readonly List<float[]> _floats = [];
    private readonly List<int[]> _ints = [];
    private TensorScope? _outer;
    private bool _active;

    private TensorScope()
    {
    }

    /// <summary>The innermost active scope on this thread, or null.</summary>
    internal static TensorScope? Current => _current;

    /// <summary>Starts a scope on the current thread (scopes nest); dispose it on the same thread.</summary>
    public static TensorScope Begin()
    {
        // Reusing the last finished scope keeps Begin itself allocation-free in a training loop.
        var scope = _spare ?? new TensorScope();
        _spare = null;
        scope._outer = _current;
        scope._active = true;
        _current = scope;
        return scope;
    }

    /// <summary>
    /// Moves <paramref name="tensor"/> out of this scope into the enclosing one (or to the garbage collector
    /// when there is none), so it stays valid after this scope ends. Returns the tensor.
    /// </summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Scope == this)
        {
            tensor.Scope = _outer;
            _outer?._tensors.Add(tensor);
        }

        return tensor;
    }

    internal void Track(Tensor tensor) => _tensors.Add(tensor);

    internal void Track(float[] buffer) => _floats.Add(buffer);

    internal void Track(int[] buffer) => _ints.Add(buffer);

    /// <summary>Returns the storage of every tensor still owned by the scope to the pool.</summary>
    public void Dispose()
    {
        if (!_active)
        {
            return;
        }

        if (_current != this)
        {
            throw new InvalidOperationException("TensorScope disposed out of order: dispose inner scopes first, on the thread that began them.");
        }

        foreach (var tensor in _tensors)
        {
            if (tensor.Scope == this)
            {
                tensor.ReleaseStorage();
            }
        }

        foreach (var buffer in _floats)
        {
            BufferPool.Return(buffer);
        }

        foreach (var buffer in _ints)
        {
            BufferPool.Return(buffer);
        }

        _tensors.Clear();
        _floats.Clear();
        _ints.Clear();
        _active = false;
        _current = _outer;
        _outer = null;
        _spare = this;
    }
}
