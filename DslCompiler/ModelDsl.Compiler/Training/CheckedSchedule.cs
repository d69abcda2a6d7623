namespace ModelDsl.Compiler.Training;

/// <summary>A checked learning-rate schedule. Arguments per kind: time_decay(decay), step_decay(rate, every),
/// exponential(gamma), cosine(min_lr[, period]), warmup(epochs) with <see cref="Then"/>. <see cref="Per"/> says
/// whether t counts epochs or optimiser steps; a nested <c>then</c> schedule inherits it.</summary>
public sealed record CheckedSchedule(ScheduleKind Kind, string Name, EquatableArray<ResolvedArgument> Arguments, ScheduleUnit Per, CheckedSchedule? Then)
{
    public override string ToString() =>
        Name + "(" + string.Join(", ", Arguments) + (Then is null ? string.Empty : (Arguments.IsEmpty ? "then: " : ", then: ") + Then) + ")";
}
