using Microsoft.Extensions.Hosting;

namespace Hapta.Caching;

/// <summary>Background work that calls grains waits for the host, and so the silo, to have started.</summary>
public static class ApplicationStart
{
    /// <summary>
    /// <see langword="true"/> once the application started; <see langword="false"/> if it stops first.
    /// </summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
