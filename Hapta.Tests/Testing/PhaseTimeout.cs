namespace Hapta.Testing;

/// <summary>
/// Bounds each await of a unit or grain test on real time, so that a hang fails with the name of the phase it
/// hung in instead of stalling the run. It only limits hanging: no test asserts how long anything took.
/// </summary>
internal static class PhaseTimeout
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<T> Guarded<T>(this Task<T> task, string phase)
    {
        try
        {
            return await task.WaitAsync(Limit, TimeProvider.System);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException($"{phase}: still waiting after {Limit.TotalSeconds:0} s", ex);
        }
    }

    public static async Task Guarded(this Task task, string phase)
    {
        try
        {
            await task.WaitAsync(Limit, TimeProvider.System);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException($"{phase}: still waiting after {Limit.TotalSeconds:0} s", ex);
        }
    }

    public static Task<T> Guarded<T>(this ValueTask<T> task, string phase) => task.AsTask().Guarded(phase);
}
