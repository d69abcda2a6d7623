using System;
using System.Diagnostics;
using System.Threading;

namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// The threads that large kernels (GEMM, convolution) split their work over: the calling thread plus persistent
/// background workers. Parts are claimed dynamically from a shared counter, so when a worker is late (asleep, or
/// descheduled on a busy machine) the caller simply takes more parts instead of waiting for a fixed half.
/// Workers spin briefly after each job, because a training step issues kernels back to back and waking a sleeping
/// thread costs tens of microseconds; then they block, so an idle process uses no CPU. Nothing is allocated per
/// dispatch, unlike <c>Parallel.For</c>.
/// On a machine with more runnable threads than cores, a worker that claimed a part can be descheduled for a whole
/// time slice, and the caller then waits for it at the end of the job. So the caller measures that wait: when, over a
/// window of parallel jobs, it is a large share of their time (two threads would lose to one), kernels run on the
/// calling thread alone for a while (a period that doubles while the machine stays busy), then try two again.
/// </summary>
public static class KernelThreads
{
    /// <summary>How long a worker spins for the next job before blocking (0.2 ms).</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    private static readonly object WorkersLock = new();

    /// <summary>Parallel jobs over which the straggler wait is judged.</summary>
    private const int JudgedJobs = 16;

    /// <summary>Waiting for late workers above this share of the jobs' time makes one thread the better choice.</summary>
    private const double MaxWaitShare = 0.4;

    /// <summary>Serial jobs after a bad window: the first period, and the most it doubles to.</summary>
    private const int MinSerialJobs = 64;
    private const int MaxSerialJobs = 8192;

    // Adaptive state; only touched by the thread that holds _busy.
    private static int _judged;
    private static long _judgedTicks;
    private static long _waitedTicks;
    private static int _serialLeft;
    private static int _serialPeriod = MinSerialJobs;

    private static int _count = Environment.ProcessorCount;
    private static int _busy;
    private static Worker[] _workers = [];

    // The current job. _claims packs the job's generation (high 32 bits) with the next unclaimed part (low 32 bits),
    // so a worker that wakes late can never claim a part of a newer job with an older job's view.
    private static IParallelWork? _work;
    private static int _parts;
    private static long _claims;
    private static int _completed;
    private static int _generation;
    private static Exception? _error;

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
    /// Runs parts 0..<paramref name="parts"/>−1 of <paramref name="work"/> on the calling thread and up to
    /// <paramref name="threads"/>−1 workers. When another thread is already using the workers (or a kernel calls a
    /// kernel), all parts run on the calling thread.
    /// </summary>
    internal static void Run(IParallelWork work, int parts, int threads)
    {
        threads = Math.Min(threads, parts);
        if (threads <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            RunSerial(work, parts);
            return;
        }

        if (_serialLeft > 0)
        {
            _serialLeft--;
            try
            {
                RunSerial(work, parts);
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }

            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var workers = EnsureWorkers(threads - 1);
            _work = work;
            _parts = parts;
            _error = null;
            Volatile.Write(ref _completed, 0);
            var generation = ++_generation;
            Interlocked.Exchange(ref _claims, (long)generation << 32);
            for (var w = 0; w < threads - 1; w++)
            {
                workers[w].Wake(generation);
            }

            Participate(generation);
            var callerDone = Stopwatch.GetTimestamp();
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _completed) != parts)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            Judge(started, callerDone, Stopwatch.GetTimestamp());

            var error = _error;
            _work = null;
            if (error is not null)
            {
                throw new AggregateException("A kernel part failed.", error);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunSerial(IParallelWork work, int parts)
    {
        for (var part = 0; part < parts; part++)
        {
            work.Execute(part, parts);
        }
    }

    /// <summary>Adds one parallel job's times to the window; at its end, decides whether to go serial for a while.</summary>
    private static void Judge(long started, long callerDone, long ended)
    {
        _judgedTicks += ended - started;
        _waitedTicks += ended - callerDone;
        if (++_judged < JudgedJobs)
        {
            return;
        }

        if (_waitedTicks > MaxWaitShare * _judgedTicks)
        {
            _serialLeft = _serialPeriod;
            _serialPeriod = Math.Min(MaxSerialJobs, _serialPeriod * 2);
        }
        else
        {
            _serialPeriod = MinSerialJobs;
        }

        _judged = 0;
        _judgedTicks = 0;
        _waitedTicks = 0;
    }

    /// <summary>Claims and runs parts of job <paramref name="generation"/> until none is left.</summary>
    private static void Participate(int generation)
    {
        while (true)
        {
            var claims = Volatile.Read(ref _claims);
            var part = (int)(claims & 0xffffffff);
            if ((int)(claims >> 32) != generation || part >= _parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _claims, claims + 1, claims) != claims)
            {
                continue;
            }

            try
            {
                _work!.Execute(part, _parts);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }

            Interlocked.Increment(ref _completed);
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
        private int _generation;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"ModelDsl kernel worker {index}" };
            thread.Start();
        }

        public void Wake(int generation)
        {
            Volatile.Write(ref _generation, generation);
            _wake.Set();
        }

        private void Loop()
        {
            var done = 0;
            while (true)
            {
                var generation = WaitForJob(done);
                Participate(generation);
                done = generation;
            }
        }

        private int WaitForJob(int done)
        {
            var spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
            while (true)
            {
                var generation = Volatile.Read(ref _generation);
                if (generation != done)
                {
                    return generation;
                }

                if (Stopwatch.GetTimestamp() < spinUntil)
                {
                    Thread.SpinWait(16);
                    continue;
                }

                // The generation is re-checked after Reset, so a Wake that raced with it is never lost.
                _wake.Wait();
                _wake.Reset();
            }
        }
    }
}
