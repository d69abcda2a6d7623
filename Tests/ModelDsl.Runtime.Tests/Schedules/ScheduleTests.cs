using System;
using ModelDsl.Runtime.Schedules;
using Xunit;

namespace ModelDsl.Runtime.Tests.Schedules;

public sealed class ScheduleTests
{
    [Fact]
    public void Linear_decay_subtracts_a_fixed_amount_and_stops_at_min_lr()
    {
        Assert.Equal(0.07, LearningRateSchedule.LinearDecay(0.01).Rate(0.1, 3, 10), 12);
        Assert.Equal(0.0, LearningRateSchedule.LinearDecay(0.05).Rate(0.1, 5, 10), 12);
        Assert.Equal(0.01, LearningRateSchedule.LinearDecay(0.05, 0.01).Rate(0.1, 5, 10), 12);
        Assert.Throws<System.ArgumentException>(() => LearningRateSchedule.LinearDecay(-1));
    }

    [Fact]
    public void Time_decay() => Assert.Equal(0.1 / 3, LearningRateSchedule.TimeDecay(0.5).Rate(0.1, 4, 10), 12);

    [Fact]
    public void Step_decay()
    {
        var s = LearningRateSchedule.StepDecay(0.5, 3);
        Assert.Equal(1.0, s.Rate(1, 2, 10));
        Assert.Equal(0.5, s.Rate(1, 3, 10));
        Assert.Equal(0.25, s.Rate(1, 7, 10));
    }

    [Fact]
    public void Exponential() => Assert.Equal(0.81, LearningRateSchedule.Exponential(0.9).Rate(1, 2, 10), 12);

    [Fact]
    public void Cosine_goes_from_base_to_min()
    {
        var s = LearningRateSchedule.Cosine(0.1);
        Assert.Equal(1.0, s.Rate(1, 0, 10), 12);
        Assert.Equal(0.55, s.Rate(1, 5, 10), 12);
        Assert.Equal(0.1, s.Rate(1, 10, 10), 12);
    }

    [Fact]
    public void Warmup_then_cosine()
    {
        var s = LearningRateSchedule.Warmup(4, LearningRateSchedule.Cosine());
        Assert.Equal(0.25, s.Rate(1, 0, 14), 12);
        Assert.Equal(1.0, s.Rate(1, 3, 14), 12);
        Assert.Equal(1.0, s.Rate(1, 4, 14), 12);
        Assert.Equal(0.5, s.Rate(1, 9, 14), 12);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.StepDecay(0.5, 0));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.Warmup(0));
    }
}
