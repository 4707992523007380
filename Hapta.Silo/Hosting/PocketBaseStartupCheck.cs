using Hapta.PocketBase;
using Microsoft.Extensions.Hosting;

namespace Hapta.Hosting;

/// <summary>
/// Logs in to PocketBase as admin in the host's "starting" phase, before the silo and the HTTP server start.
/// A PocketBase that is unreachable or refuses the credentials stops start-up with
/// <see cref="PocketBaseLoginException"/>, whose message says what to fix: a gateway that cannot read the
/// schema should not take traffic.
/// </summary>
internal sealed class PocketBaseStartupCheck(IPocketBaseAdminSession admin) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken) =>
        await admin.GetTokenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
