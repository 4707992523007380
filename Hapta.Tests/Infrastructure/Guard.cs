namespace Hapta.Tests.Infrastructure;

/// <summary>
/// Every await in a test runs under a real-time guard whose message names the phase, so a hang fails with
/// a cause instead of stalling the run. The guard is a limit on hanging, never a timing assertion.
/// </summary>
internal static class Guard
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static async Task<T> Within<T>(this Task<T> task, string phase, TimeSpan? limit = null)
    {
        var timeout = limit ?? Default;
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{phase}: no result within {timeout.TotalSeconds:0} s");
        }
    }

    public static async Task Within(this Task task, string phase, TimeSpan? limit = null)
    {
        var timeout = limit ?? Default;
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{phase}: no result within {timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most <paramref name="limit"/> of real time.</summary>
    public static async Task Until(Func<Task<bool>> condition, string phase, TimeSpan? limit = null)
    {
        var deadline = DateTimeOffsetNow() + (limit ?? Default);
        while (!await condition().Within(phase))
        {
            if (DateTimeOffsetNow() > deadline)
            {
                throw new TimeoutException($"{phase}: condition not met within {(limit ?? Default).TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }

    private static DateTimeOffset DateTimeOffsetNow() => TimeProvider.System.GetUtcNow();
}
