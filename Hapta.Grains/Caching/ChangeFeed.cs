using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Hapta.Collections;
using Hapta.PocketBase;
using Hapta.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Hapta.Caching;

/// <summary>
/// The cluster's one PocketBase realtime connection, as admin, subscribed to every collection (DESIGN §4, change
/// feed). Each silo runs this service; the one holding the lease in <see cref="ICacheVersionsGrain"/> connects, the
/// others stand by and take over within a lease time when it dies. Every record event becomes a
/// <see cref="ChangeNotice"/>, so writes that bypass Hapta (admin UI, hooks, other clients) invalidate too.
/// </summary>
/// <remarks>
/// Events missed while disconnected cannot be replayed (PocketBase keeps none), so each (re)connection purges
/// everything, and while the feed is down every silo gives new entries <see cref="CacheOptions.DegradedTtl"/>.
/// PocketBase closes a stream idle for 300 s; the loop simply reconnects.
/// </remarks>
internal sealed class ChangeFeed(
    IHttpClientFactory http,
    IPocketBaseAdminSession admin,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    IOptions<CacheOptions> options,
    TimeProvider time,
    ILogger<ChangeFeed> logger) : BackgroundService
{
    public const string HttpClientName = "pocketbase-feed";

    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CatalogCheck = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an event waits for Hapta's own announcement of the same write (see <see cref="PublishHeldAsync"/>).
    /// </summary>
    internal static readonly TimeSpan EchoHold = TimeSpan.FromMilliseconds(250);

    private volatile bool _connected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !await ApplicationStart.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        var id = silo.SiloAddress.ToParsableString();
        var versions = grains.GetGrain<ICacheVersionsGrain>(0);
        CancellationTokenSource? running = null;
        Task? feed = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                bool holder;
                try
                {
                    holder = await versions.HoldFeedAsync(id, _connected, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    holder = false;
                }

                if (feed is { IsCompleted: true })
                {
                    running!.Dispose();
                    (running, feed) = (null, null);
                }

                if (holder && feed is null)
                {
                    running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    feed = RunAsync(versions, running.Token);
                }
                else if (!holder && feed is not null)
                {
                    await StopAsync(running!, feed);
                    (running, feed) = (null, null);
                }

                await Task.Delay(Renewal, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (feed is not null)
            {
                await StopAsync(running!, feed);
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource running, Task feed)
    {
        await running.CancelAsync();
        await feed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        running.Dispose();
    }

    /// <summary>Connects, reads until the stream ends or fails, and reconnects, until cancelled.</summary>
    private async Task RunAsync(ICacheVersionsGrain versions, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                reason = await ConnectAndReadAsync(versions, cancellationToken);
                attempt = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever broke the connection (PocketBase gone, a refused login, an unreadable frame, a grain call
                // that failed), the answer is the same: say so, and connect again.
                reason = ex.GetBaseException().Message;
            }

            if (_connected)
            {
                _connected = false;
                logger.FeedDisconnected(reason, options.Value.DegradedTtl);
                await TryHoldAsync(versions, cancellationToken);
            }

            attempt++;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), time, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<string> ConnectAndReadAsync(ICacheVersionsGrain versions, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/realtime");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(
            request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"PocketBase answered {(int)response.StatusCode} to GET /api/realtime";
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var held = Channel.CreateUnbounded<(ChangeNotice Notice, long Arrived)>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var publisher = PublishHeldAsync(versions, held.Reader, reading);
        var events = Channel.CreateUnbounded<RecordEvent>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var relay = RelayAsync(events.Reader, reading);
        Task? watcher = null;
        string? eventName = null;
        var data = new System.Text.StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(reading.Token) is { } line)
            {
                if (line.Length > 0)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        eventName = line[6..].Trim();
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        data.Append(line.AsSpan(5));
                    }

                    continue;
                }

                if (eventName == "PB_CONNECT")
                {
                    var catalogVersion = await SubscribeAsync(client, data.ToString(), cancellationToken);
                    watcher ??= WatchCatalogAsync(catalogVersion, reading);
                    _connected = true;
                    await TryHoldAsync(versions, cancellationToken);

                    // Whatever changed while no feed was connected was not seen: start from nothing.
                    await versions.PublishAsync([ChangeNotice.All], waitForSilos: false, cancellationToken);
                }
                else if (eventName is not null && data.Length > 0)
                {
                    var text = data.ToString();
                    held.Writer.TryWrite((Notice(eventName, text), time.GetTimestamp()));
                    if (RealtimeEventOf(text) is { } recordEvent)
                    {
                        events.Writer.TryWrite(recordEvent);
                    }
                }

                (eventName, data.Length) = (null, 0);
            }
        }
        catch (OperationCanceledException)
            when (reading.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A new collection needs subscribing, and a changed rule or schema changes what entries must hold.
            return publisher.IsFaulted
                ? "a change could not be published: " + publisher.Exception.GetBaseException().Message
                : "the collections changed; subscribing again";
        }
        finally
        {
            held.Writer.TryComplete();
            events.Writer.TryComplete();
            await reading.CancelAsync();
            await publisher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await relay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (watcher is not null)
            {
                await watcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        return "PocketBase closed the stream";
    }

    /// <summary>
    /// Publishes each event <see cref="EchoHold"/> after it arrived. PocketBase sends a write's event about when it
    /// answers the write, so the event of a write made through Hapta often arrives before Hapta has announced the
    /// write; held this long, it finds the announcement's fingerprint and is dropped as an echo, instead of ending
    /// every list of the collection (the feed cannot tell which fields changed).
    /// </summary>
    private async Task PublishHeldAsync(
        ICacheVersionsGrain versions,
        ChannelReader<(ChangeNotice Notice, long Arrived)> held,
        CancellationTokenSource reading)
    {
        try
        {
            await foreach (var (notice, arrived) in held.ReadAllAsync(reading.Token))
            {
                var wait = EchoHold - time.GetElapsedTime(arrived);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, reading.Token);
                }

                await versions.PublishAsync([notice], waitForSilos: false, reading.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A change that cannot be published must not be skipped: end this connection, and the next one starts
            // by purging everything.
            await reading.CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Passes record events on to realtime clients at once (no echo hold: every event is delivered), a batch of
    /// whatever arrived meanwhile per grain call.
    /// </summary>
    private async Task RelayAsync(ChannelReader<RecordEvent> events, CancellationTokenSource reading)
    {
        var realtime = grains.GetGrain<IRealtimeEventsGrain>(0);
        var batch = ImmutableArray.CreateBuilder<RecordEvent>();
        try
        {
            while (await events.WaitToReadAsync(reading.Token))
            {
                while (batch.Count < 256 && events.TryRead(out var recordEvent))
                {
                    batch.Add(recordEvent);
                }

                await realtime.PublishAsync(batch.DrainToImmutable(), reading.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.FeedEventUnreadable("realtime relay: " + ex.GetBaseException().Message);
            await reading.CancelAsync();
            throw;
        }
    }

    /// <summary>The realtime event of one frame's data; <see langword="null"/> when it is no record event.</summary>
    internal static RecordEvent? RealtimeEventOf(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
                && root.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Object
                && record.TryGetProperty("collectionId", out var collection) && collection.GetString() is { } cid
                && record.TryGetProperty("id", out var id) && id.GetString() is { } rid)
            {
                return new RecordEvent
                {
                    CollectionId = cid,
                    RecordId = rid,
                    Action = action.GetString()!,
                    Record = record.GetRawText(),
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }

        return null;
    }

    /// <summary>Subscribes the client to every base and auth collection; returns the catalog version used.</summary>
    private async Task<long> SubscribeAsync(HttpClient client, string connect, CancellationToken cancellationToken)
    {
        using var hello = JsonDocument.Parse(connect);
        var clientId = hello.RootElement.GetProperty("clientId").GetString();
        var catalog = await grains.GetGrain<ICollectionCatalogGrain>(0).GetAsync(cancellationToken);
        var topics = catalog.Collections.Where(static c => c.Type != "view").Select(static c => c.Name).ToArray();
        var token = await admin.GetTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/realtime")
        {
            Content = JsonContent.Create(new { clientId, subscriptions = topics }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            admin.Reject(token);
        }

        response.EnsureSuccessStatusCode();
        logger.FeedConnected(topics.Length);
        return catalog.Version;
    }

    /// <summary>
    /// Ends the read (through <paramref name="reading"/>) once the catalog differs from <paramref name="version"/>.
    /// </summary>
    private async Task WatchCatalogAsync(long version, CancellationTokenSource reading)
    {
        var catalogGrain = grains.GetGrain<ICollectionCatalogGrain>(0);
        while (!reading.IsCancellationRequested)
        {
            await Task.Delay(CatalogCheck, time, reading.Token);
            var catalog = await catalogGrain.GetAsync(reading.Token);
            if (catalog.Version > 0 && catalog.Version != version)
            {
                await reading.CancelAsync();
            }
        }
    }

    /// <summary>
    /// The notice for one event: <c>{"action":"update","record":{"collectionId":…,"id":…,"updated":…}}</c>.
    /// An event Hapta cannot read purges everything, so nothing stale survives a surprise.
    /// </summary>
    internal ChangeNotice Notice(string eventName, string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var record = root.GetProperty("record");
            var action = root.GetProperty("action").GetString();
            var updated = record.TryGetProperty("updated", out var u) ? u.GetString() : null;
            if (record.GetProperty("collectionId").GetString() is { Length: > 0 } collectionId
                && record.GetProperty("id").GetString() is { Length: > 0 } id)
            {
                return new ChangeNotice
                {
                    CollectionId = collectionId,
                    RecordId = id,
                    Fingerprint = ChangeNotice.FingerprintOf(action, updated),
                    FromFeed = true,
                };
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }

        logger.FeedEventUnreadable(eventName);
        return ChangeNotice.All;
    }

    private async Task TryHoldAsync(ICacheVersionsGrain versions, CancellationToken cancellationToken)
    {
        try
        {
            await versions.HoldFeedAsync(silo.SiloAddress.ToParsableString(), _connected, cancellationToken);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The renewal loop reports the state again within a few seconds.
        }
    }
}
