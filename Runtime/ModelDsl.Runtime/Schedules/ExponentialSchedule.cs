using System;

namespace ModelDsl.Runtime.Schedules;

/// <summary><c>exponential(gamma)</c>: lr · gamma^t (PyTorch's ExponentialLR).</summary>
public sealed record ExponentialSchedule : LearningRateSchedule
{
    public ExponentialSchedule(double gamma)
    {
        Require(gamma > 0, $"exponential({gamma}) needs gamma > 0.");
        Gamma = gamma;
    }

    public double Gamma { get; }

    public override double Rate(double baseRate, long t, long total) => baseRate * Math.Pow(Gamma, t);
}
