using Hapta.PocketBase;

namespace Hapta.Sessions;

/// <summary>The answer to "may this token be used now?", with what an upstream call needs if it may.</summary>
[GenerateSerializer, Immutable, Alias("Hapta.Sessions.SessionCheck")]
public sealed record SessionCheck
{
    [Id(0)]
    public SessionStatus Status { get; init; }

    /// <summary>The user's PocketBase token, for the upstream call only; set when <see cref="Status"/> is Valid.</summary>
    [Id(1)]
    public string? PocketBaseToken { get; init; }

    /// <summary>Set when PocketBase could not be asked to renew the user's token.</summary>
    [Id(2)]
    public UpstreamOutcome? Upstream { get; init; }

    public static SessionCheck Denied(SessionStatus status) => new() { Status = status };

    public override string ToString() => $"SessionCheck {{ Status = {Status} }}";
}
