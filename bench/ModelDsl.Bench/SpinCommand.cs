using System;
using System.Threading;

namespace ModelDsl.Bench;

/// <summary>
/// `spin`: one busy process for `compare --load N`. It burns one core until its standard input closes, so it ends
/// with the `compare` that started it, even when that one is killed.
/// </summary>
internal static class SpinCommand
{
    private static volatile bool _stop;

    public static int Run()
    {
        var watcher = new Thread(() =>
        {
            Console.In.ReadToEnd();
            _stop = true;
        })
        { IsBackground = true };
        watcher.Start();
        var x = 1.0;
        while (!_stop)
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                x = (x * 1.0000001) + 1e-9;
            }
        }

        return x > 0 ? 0 : 1;
    }
}
