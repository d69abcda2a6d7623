using System;
using System.Collections.Generic;
using Spectre.Console;

namespace ModelDsl.Runtime.Progress;

/// <summary>
/// A Spectre.Console progress bar per epoch with the running loss and metrics, percentage and ETA; each finished
/// epoch leaves its summary line above the live bar.
/// </summary>
public sealed class ConsoleProgressReporter(IAnsiConsole console) : IProgressReporter
{
    private ProgressContext? _context;
    private ProgressTask? _task;
    private string _prefix = string.Empty;

    public ConsoleProgressReporter()
        : this(AnsiConsole.Console)
    {
    }

    public T Run<T>(Func<T> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    return training();
                }
                finally
                {
                    _task?.StopTask();
                    _context = null;
                }
            });
    }

    public void EpochStarted(int epoch, int epochs, int steps)
    {
        _task?.StopTask();
        _prefix = $"epoch {epoch}/{epochs}";
        _task = _context?.AddTask(Markup.Escape(_prefix), maxValue: Math.Max(1, steps));
    }

    public void BatchCompleted(int step, int steps, IReadOnlyDictionary<string, double> running)
    {
        if (_task is null)
        {
            return;
        }

        _task.Value = step;
        _task.Description = Markup.Escape($"{_prefix} - {ProgressFormat.Metrics(running)}");
    }

    public void EpochCompleted(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed)
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
            _task = null;
        }

        console.MarkupLine(Markup.Escape(ProgressFormat.EpochLine(epoch, epochs, logs, elapsed)));
    }

    public void Message(string text) => console.MarkupLine("[yellow]" + Markup.Escape(text) + "[/]");
}
