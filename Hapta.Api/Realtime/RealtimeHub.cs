using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hapta.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Realtime;

/// <summary>
/// The realtime clients connected to this silo, and the delivery of record events to them (issue #9): an event
/// goes to each client with a subscription that matches it and whose owner may see the record under the rule
/// PocketBase applies (<see cref="RealtimeAccess"/>), in PocketBase's frame format.
/// </summary>
internal sealed partial class RealtimeHub(
    IGrainFactory grains,
    CollectionDirectory directory,
    RealtimeAccess access,
    IOptions<RealtimeOptions> options,
    ILogger<RealtimeHub> logger)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly ConcurrentDictionary<string, (RealtimeClient Client, IRealtimeClientObserver Reference)> _clients
        = new(StringComparer.Ordinal);

    public int Count => _clients.Count;

    /// <summary>A new client with a random 40-character id (238 bits), known to its subscription grain.</summary>
    public async Task<RealtimeClient> ConnectAsync()
    {
        var client = new RealtimeClient(RandomNumberGenerator.GetString(IdAlphabet, 40), options.Value.MaxQueuedEvents);
        var reference = grains.CreateObjectReference<IRealtimeClientObserver>(client);
        _clients[client.Id] = (client, reference);
        await grains.GetGrain<ISubscriptionGrain>(client.Id).AttachAsync(reference);
        return client;
    }

    public async Task DisconnectAsync(RealtimeClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_clients.TryRemove(client.Id, out var entry))
        {
            grains.DeleteObjectReference<IRealtimeClientObserver>(entry.Reference);
            try
            {
                await grains.GetGrain<ISubscriptionGrain>(client.Id).DetachAsync();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // The grain forgets the client on its own when the observer stops answering.
            }
        }
    }

    /// <summary>Delivers <paramref name="events"/> to the clients of this silo.</summary>
    public async Task DispatchAsync(ImmutableArray<RecordEvent> events, CancellationToken cancellationToken)
    {
        if (_clients.IsEmpty)
        {
            return;
        }

        foreach (var recordEvent in events)
        {
            var lookup = await directory.FindAsync(recordEvent.CollectionId, cancellationToken);
            if (lookup.Collection is not { } collection)
            {
                continue; // unknown here, or hidden by configuration
            }

            using var record = JsonDocument.Parse(recordEvent.Record);
            foreach (var (client, _) in _clients.Values)
            {
                foreach (var topic in client.Topics)
                {
                    if (!Matches(topic, collection, recordEvent.RecordId)
                        || await access.RecordForAsync(collection, topic, recordEvent, record.RootElement, client.Owner,
                            cancellationToken) is not { } visible)
                    {
                        continue;
                    }

                    if (!client.Send(Frame(client.Id, topic.Raw, recordEvent.Action, visible)))
                    {
                        LogTooSlow(logger, options.Value.MaxQueuedEvents);
                    }
                }
            }
        }
    }

    /// <summary>The first frame of a stream, as PocketBase sends it.</summary>
    public static string ConnectFrame(string clientId) =>
        $"id:{clientId}\nevent:PB_CONNECT\ndata:{{\"clientId\":\"{clientId}\"}}\n\n";

    private static bool Matches(RealtimeTopic topic, CollectionInfo collection, string recordId) =>
        (topic.Collection == collection.Name || topic.Collection == collection.Id)
        && (topic.RecordId is null || topic.RecordId == recordId);

    /// <summary>PocketBase's frame; the action is one of three words and the record PocketBase's own JSON.</summary>
    private static string Frame(string clientId, string topic, string action, string record) =>
        new StringBuilder(record.Length + topic.Length + 96)
            .Append("id:").Append(clientId).Append('\n')
            .Append("event:").Append(topic).Append('\n')
            .Append("data:{\"action\":").Append(JsonSerializer.Serialize(action))
            .Append(",\"record\":").Append(record).Append("}\n\n")
            .ToString();

    [LoggerMessage(Diagnostics.EventIds.RealtimeClientTooSlow, LogLevel.Information,
        "A realtime client fell {Max} events behind and was disconnected; its SDK reconnects")]
    private static partial void LogTooSlow(ILogger logger, int max);
}
