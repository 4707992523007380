namespace Hapta.Realtime;

public enum SubscribeOutcome
{
    Done,

    /// <summary>No connection has this client id (never, or no longer).</summary>
    UnknownClient,

    /// <summary>Another session set this client's subscriptions.</summary>
    Forbidden,
}
