using System.Runtime.InteropServices;

namespace Hapta.Bench.Running;

/// <summary>
/// <c>hapta-bench run</c>: parses the options, turns Ctrl+C, SIGTERM and SIGHUP into a cancellation that
/// stops every child process on the way out, and bounds the whole run in time.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"hapta-bench: {ex.Message}");
            return 2;
        }

        var time = TimeProvider.System;
        using var deadline = new CancellationTokenSource(options.OverallLimit, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            Console.Error.WriteLine($"hapta-bench: {context.Signal}: stopping everything it started");
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        var progress = new Progress(time);
        try
        {
            await new BenchRun(options, time, progress).RunAsync(stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine(deadline.IsCancellationRequested
                ? $"hapta-bench: stopped after the overall limit of {options.OverallLimit.TotalMinutes:0} minutes"
                : "hapta-bench: cancelled");
            return 130;
        }
        catch (BenchFailedException ex)
        {
            Console.Error.WriteLine($"hapta-bench: error: {ex.Message}");
            return 1;
        }
    }
}
