using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Data;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// Optional for an <see cref="ITrainingSession"/>: keeps the training inputs as the backend's own tensors (on its
/// device) for the whole of <see cref="TrainingLoop.Fit"/>, so that each step selects its rows there — as a
/// hand-written TorchSharp loop does with <c>index_select</c> — instead of receiving a copy gathered in .NET and
/// copied again into a new tensor. The loop uses it only when nothing changes the inputs from step to step (no
/// augmentation); the kept values are exactly those a gathered batch would carry (normalised by the same code), so
/// training gives the same result either way.
/// </summary>
public interface IResidentInputSession
{
    /// <summary>
    /// Copies <paramref name="inputs"/> (one tensor per model input, every example, already normalised; the arrays
    /// may be the dataset's own: do not change them) into the backend's tensors. The loop then hands training batches
    /// whose <see cref="Batch.ResidentInputs"/> is the returned object and whose <see cref="Batch.Inputs"/> is empty,
    /// and disposes it when training ends.
    /// </summary>
    IDisposable KeepInputs(IReadOnlyList<BatchTensor> inputs);
}
