using System;
using System.Diagnostics;
using System.Threading;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// The threads that large kernels (GEMM, im2col, big element-wise operations) split their work over: the calling
/// thread plus persistent background workers. Workers spin briefly after each job, because a training step issues
/// kernels back to back and waking a sleeping thread costs tens of microseconds; then they block, so an idle
/// process uses no CPU. No allocation per dispatch, unlike <c>Parallel.For</c>.
/// </summary>
public static class KernelThreads
{
    /// <summary>How long a worker spins for the next job before blocking.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly object WorkersLock = new();

    private static int _count = Environment.ProcessorCount;
    private static int _busy;
    private static int _pending;
    private static Worker[] _workers = [];

    /// <summary>
    /// The most threads one kernel uses (default: the processor count). 1 makes every kernel single-threaded.
    /// </summary>
    public static int Count
    {
        get => _count;
        set
        {
            if (value < 1 || value > 256)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Kernel threads must be between 1 and 256.");
            }

            _count = value;
        }
    }

    /// <summary>
    /// Runs <paramref name="parts"/> parts of <paramref name="work"/>, part 0 on the calling thread. When another
    /// thread is already using the workers (or a kernel calls a kernel), the parts run inline instead.
    /// </summary>
    internal static void Run(IParallelWork work, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (var part = 0; part < parts; part++)
            {
                work.Execute(part, parts);
            }

            return;
        }

        try
        {
            var workers = EnsureWorkers(parts - 1);
            Volatile.Write(ref _pending, parts - 1);
            for (var w = 0; w < parts - 1; w++)
            {
                workers[w].Start(work, w + 1, parts);
            }

            Exception? error = null;
            try
            {
                work.Execute(0, parts);
            }
            catch (Exception e)
            {
                error = e;
            }

            var spinner = default(SpinWait);
            while (Volatile.Read(ref _pending) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            for (var w = 0; w < parts - 1; w++)
            {
                error ??= workers[w].TakeError();
            }

            if (error is not null)
            {
                throw new AggregateException("A kernel worker failed.", error);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        var workers = _workers;
        if (workers.Length >= count)
        {
            return workers;
        }

        lock (WorkersLock)
        {
            var grown = new Worker[count];
            Array.Copy(_workers, grown, _workers.Length);
            for (var w = _workers.Length; w < count; w++)
            {
                grown[w] = new Worker(w + 1);
            }

            _workers = grown;
            return grown;
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
        private IParallelWork? _work;
        private int _part;
        private int _parts;
        private Exception? _error;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"ModelDsl kernel worker {index}" };
            thread.Start();
        }

        public void Start(IParallelWork work, int part, int parts)
        {
            _part = part;
            _parts = parts;
            Volatile.Write(ref _work, work);
            _wake.Set();
        }

        public Exception? TakeError()
        {
            var error = _error;
            _error = null;
            return error;
        }

        private void Loop()
        {
            while (true)
            {
                var work = WaitForWork();
                try
                {
                    work.Execute(_part, _parts);
                }
                catch (Exception e)
                {
                    _error = e;
                }

                Volatile.Write(ref _work, null);
                Interlocked.Decrement(ref _pending);
            }
        }

        private IParallelWork WaitForWork()
        {
            var spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (true)
            {
                var work = Volatile.Read(ref _work);
                if (work is not null)
                {
                    return work;
                }

                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(16);
                    continue;
                }

                // The job is re-checked after Reset, so a Set that raced with it is never lost.
                _wake.Wait();
                _wake.Reset();
            }
        }
    }
}
