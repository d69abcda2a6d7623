namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>Per-parameter optimiser state: step count, one optional scalar and the moment buffers (slots).</summary>
internal sealed class ParameterState(int slotCount)
{
    /// <summary>Updates applied to this parameter (PyTorch's <c>state['step']</c>).</summary>
    public long Step { get; set; }

    /// <summary>Optimiser-specific scalar (NAdam's μ product).</summary>
    public double Scalar { get; set; } = 1.0;

    /// <summary>Moment buffers, created on the first update; index = position in the optimiser's slot names.</summary>
    public float[]?[] Slots { get; } = new float[]?[slotCount];

    /// <summary>The slot, created (filled with <paramref name="initial"/>) when missing.</summary>
    public float[] Slot(int index, int length, float initial = 0f)
    {
        var slot = Slots[index];
        if (slot is null)
        {
            slot = new float[length];
            if (initial != 0f)
            {
                System.Array.Fill(slot, initial);
            }

            Slots[index] = slot;
        }

        return slot;
    }
}
