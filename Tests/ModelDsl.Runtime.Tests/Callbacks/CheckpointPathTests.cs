using System;
using System.Collections.Generic;
using ModelDsl.Runtime.Callbacks;
using Xunit;

namespace ModelDsl.Runtime.Tests.Callbacks;

public sealed class CheckpointPathTests
{
    private static readonly Dictionary<string, double> Logs = new() { ["loss"] = 0.25, ["val_loss"] = 0.123456, ["val_accuracy"] = 0.9 };

    [Theory]
    [InlineData("ckpt/m-{epoch:02}.ckpt", "ckpt/m-07.ckpt")]
    [InlineData("m-{epoch:02d}.ckpt", "m-07.ckpt")]
    [InlineData("m-{epoch}.ckpt", "m-7.ckpt")]
    [InlineData("m-{epoch:03}-{val_loss:.4f}.ckpt", "m-007-0.1235.ckpt")]
    [InlineData("m-{monitor:.2f}.ckpt", "m-0.90.ckpt")]
    [InlineData("m-{monitor}.ckpt", "m-0.9.ckpt")]
    public void Formats_placeholders(string pattern, string expected) =>
        Assert.Equal(expected, CheckpointPath.Format(pattern, 7, Logs, "val_accuracy"));

    [Fact]
    public void Unknown_names_and_formats_are_explained()
    {
        var ex = Assert.Throws<ArgumentException>(() => CheckpointPath.Format("m-{val_acc}.ckpt", 1, Logs));
        Assert.Contains("no metric 'val_acc'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CheckpointPath.Format("m-{epoch:xx}.ckpt", 1, Logs));
        Assert.Throws<ArgumentException>(() => CheckpointPath.Format("m-{epoch.ckpt", 1, Logs));
    }

    [Theory]
    [InlineData("val_loss", MonitorMode.Min)]
    [InlineData("age_loss", MonitorMode.Min)]
    [InlineData("val_mae", MonitorMode.Min)]
    [InlineData("val_accuracy", MonitorMode.Max)]
    [InlineData("top_5_accuracy", MonitorMode.Max)]
    [InlineData("val_precision", MonitorMode.Max)]
    public void Auto_mode(string monitor, MonitorMode expected) =>
        Assert.Equal(expected, MonitorModes.Resolve(MonitorMode.Auto, monitor));
}
