using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Hapta.Tests.Infrastructure;

namespace Hapta.Realtime.Tests;

/// <summary>
/// A client's <c>GET /api/realtime</c> stream, read in the background into frames (and heartbeat comments), as an
/// SDK's EventSource reads it.
/// </summary>
internal sealed class RealtimeStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<RealtimeFrame> _frames = Channel.CreateUnbounded<RealtimeFrame>();
    private readonly Task _reading;

    private RealtimeStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reading = ReadAsync(body);
    }

    public string ClientId { get; private set; } = "";

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<RealtimeStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/realtime", HttpCompletionOption.ResponseHeadersRead)
            .Within("GET /api/realtime");
        var stream = new RealtimeStream(response, await response.Content.ReadAsStreamAsync());
        var connect = await stream.NextAsync();
        stream.ClientId = connect.Event == "PB_CONNECT"
            ? (string)JsonNode.Parse(connect.Data)!["clientId"]!
            : throw new InvalidOperationException($"the first frame was {connect}");
        return stream;
    }

    /// <summary>Sets the subscriptions, with <paramref name="token"/> (Hapta's) or as a guest.</summary>
    public Task<Answer> SubscribeAsync(HttpClient client, string? token, params string[] topics) =>
        Exchange.SendAsync(
            client,
            HttpMethod.Post,
            "/api/realtime",
            token,
            new JsonObject { ["clientId"] = ClientId, ["subscriptions"] = new JsonArray([.. topics]) }.ToJsonString());

    /// <summary>The next frame or comment; fails after <paramref name="limit"/> (10 s by default).</summary>
    public async Task<RealtimeFrame> NextAsync(TimeSpan? limit = null) =>
        await _frames.Reader.ReadAsync().AsTask().Within("the next realtime frame", limit ?? TimeSpan.FromSeconds(10));

    /// <summary>
    /// The next record event that <paramref name="match"/> accepts (any, by default), skipping heartbeats and the
    /// events of other tests' records.
    /// </summary>
    public async Task<RealtimeFrame> NextEventAsync(Func<RealtimeFrame, bool>? match = null)
    {
        while (true)
        {
            var frame = await NextAsync();
            if (frame.Event is not null && (match is null || match(frame)))
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null;
        string? name = null;
        var data = new StringBuilder();
        string? comment = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                _frames.Writer.TryWrite(new RealtimeFrame(id, name, data.ToString(), comment));
                (id, name, comment, data.Length) = (null, null, null, 0);
            }
            else if (line[0] == ':')
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = line[3..];
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..];
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5));
            }
        }

        _frames.Writer.TryComplete();
    }
}
