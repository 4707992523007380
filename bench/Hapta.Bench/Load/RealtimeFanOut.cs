using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hapta.Bench.Load;

/// <summary>
/// W8's subscribers: server-sent-event streams on <c>GET /api/realtime</c>, each subscribed to a topic through a
/// <c>POST /api/realtime</c> sent to another silo than the one holding the stream, and each read by a task of its
/// own. A reader stamps every create event with the driver's clock (<see cref="TimeProvider.GetTimestamp"/>) as
/// it reads the frame's data line, so that latencies are taken against write acknowledgements on the same clock.
/// </summary>
internal sealed class RealtimeFanOut(TimeProvider time) : IAsyncDisposable
{
    /// <summary>Streams opened at once while connecting: quick enough, and no flood on the silos.</summary>
    private const int ConnectInParallel = 32;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // One connection per stream, held for the whole run: no pool limit, no recycling.
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentBag<Subscriber> _subscribers = [];
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private long _creates;
    private long _dropped;

    public int Connected => _subscribers.Count;

    /// <summary>Create events read so far, over all streams (duplicates and unknown records included).</summary>
    public long CreatesRead => Interlocked.Read(ref _creates);

    /// <summary>Streams that ended before <see cref="CloseAsync"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IReadOnlyDictionary<string, long> Failures => _failures;

    /// <summary>
    /// Opens <paramref name="perSilo"/> streams on each silo; subscriber <c>i</c> streams from silo <c>i mod n</c>
    /// and subscribes through silo <c>i + 1 mod n</c>. A subscriber that fails is counted under its reason.
    /// </summary>
    public async Task OpenAsync(
        IReadOnlyList<Uri> silos,
        int perSilo,
        string topic,
        CancellationToken cancellationToken)
    {
        await Parallel.ForAsync(
            0,
            perSilo * silos.Count,
            new ParallelOptions { MaxDegreeOfParallelism = ConnectInParallel, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    var subscriber = await SubscribeAsync(silos[i % silos.Count], silos[(i + 1) % silos.Count],
                        topic, token);
                    if (subscriber is not null)
                    {
                        _subscribers.Add(subscriber);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    Fail("connect: " + ex.GetType().Name);
                }
            });
    }

    /// <summary>Every stream's create events as read: record id and the driver's timestamp.</summary>
    public IEnumerable<IReadOnlyList<(string RecordId, long ReadAt)>> Received() =>
        _subscribers.Select(subscriber => (IReadOnlyList<(string, long)>)subscriber.Creates);

    /// <summary>Ends every stream and waits for its reader.</summary>
    public async Task CloseAsync()
    {
        await _closing.CancelAsync();
        await Task.WhenAll(_subscribers.Select(subscriber => subscriber.Reader));
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _closing.Dispose();
        _http.Dispose();
    }

    private async Task<Subscriber?> SubscribeAsync(
        Uri streamSilo,
        Uri subscribeSilo,
        string topic,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(streamSilo, "/api/realtime"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        StreamReader? reader = null;
        Subscriber? subscriber = null;
        try
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail($"GET /api/realtime: {(int)response.StatusCode}");
                return null;
            }

            reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            if (await ReadClientIdAsync(reader, cancellationToken) is not { } clientId)
            {
                Fail("no PB_CONNECT frame");
                return null;
            }

            using var subscribe = await _http.PostAsJsonAsync(
                new Uri(subscribeSilo, "/api/realtime"),
                new { clientId, subscriptions = new[] { topic } },
                cancellationToken);
            if (subscribe.StatusCode != HttpStatusCode.NoContent)
            {
                Fail($"POST /api/realtime: {(int)subscribe.StatusCode}");
                return null;
            }

            // From here the stream belongs to its reader task, which disposes it when it ends.
            subscriber = new Subscriber(response, reader);
            subscriber.Reader = ReadAsync(subscriber, topic);
            return subscriber;
        }
        finally
        {
            if (subscriber is null)
            {
                reader?.Dispose();
                response.Dispose();
            }
        }
    }

    /// <summary>The first frame must be <c>event:PB_CONNECT</c> with <c>data:{"clientId":…}</c>.</summary>
    private static async Task<string?> ReadClientIdAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return name == "PB_CONNECT" ? (string?)JsonNode.Parse(line["data:".Length..])?["clientId"] : null;
            }
        }

        return null;
    }

    private async Task ReadAsync(Subscriber subscriber, string topic)
    {
        await Task.Yield();
        string? name = null;
        try
        {
            while (await subscriber.Text.ReadLineAsync(_closing.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    name = null;
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (name == topic && line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var readAt = time.GetTimestamp();
                    var data = JsonNode.Parse(line["data:".Length..]);
                    if ((string?)data?["action"] == "create" && (string?)data["record"]?["id"] is { } id)
                    {
                        subscriber.Creates.Add((id, readAt));
                        Interlocked.Increment(ref _creates);
                    }
                }
            }

            Interlocked.Increment(ref _dropped);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Closed by the driver: the run is over.
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            Interlocked.Increment(ref _dropped);
            Fail("stream: " + ex.GetType().Name);
        }
        finally
        {
            subscriber.Text.Dispose();
            subscriber.Response.Dispose();
        }
    }

    private void Fail(string what) => _failures.AddOrUpdate(what, 1, static (_, n) => n + 1);

    /// <summary>One stream: written by its reader task only, read once the readers have ended.</summary>
    private sealed class Subscriber(HttpResponseMessage response, StreamReader text)
    {
        public HttpResponseMessage Response { get; } = response;

        public StreamReader Text { get; } = text;

        public List<(string RecordId, long ReadAt)> Creates { get; } = [];

        public Task Reader { get; set; } = Task.CompletedTask;
    }
}
