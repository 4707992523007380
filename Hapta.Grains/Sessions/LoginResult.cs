using Hapta.PocketBase;

namespace Hapta.Sessions;

/// <summary>
/// The outcome of a login: a session ticket and PocketBase's answer without its token, or PocketBase's own
/// refusal in <see cref="Upstream"/>, passed on unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.LoginResult")]
public sealed record LoginResult
{
    [Id(0)]
    public SessionTicket? Ticket { get; init; }

    /// <summary>PocketBase's JSON answer with its <c>token</c> member removed.</summary>
    [Id(1)]
    public byte[]? Body { get; init; }

    [Id(2)]
    public UpstreamResponse? Upstream { get; init; }
}
