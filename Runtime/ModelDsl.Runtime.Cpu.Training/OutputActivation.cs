namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>The final activation a loss reads past: applied to the logits to report probabilities.</summary>
public enum OutputActivation
{
    None,
    Softmax,
    Sigmoid,
}
