using Hapta.PocketBase;

namespace Hapta.Sessions;

/// <summary>
/// The outcome of <c>auth-refresh</c> on a session: a ticket of the next generation and PocketBase's answer
/// without its token (<see cref="Body"/>), or why not (<see cref="Status"/>, and PocketBase's own answer in
/// <see cref="Upstream"/> when it refused).
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.RotationResult")]
public sealed record RotationResult
{
    [Id(0)]
    public SessionStatus Status { get; init; }

    [Id(1)]
    public SessionTicket? Ticket { get; init; }

    /// <summary>PocketBase's JSON answer with its <c>token</c> member removed.</summary>
    [Id(2)]
    public byte[]? Body { get; init; }

    [Id(3)]
    public UpstreamResponse? Upstream { get; init; }
}
