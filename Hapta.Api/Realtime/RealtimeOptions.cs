using System.ComponentModel.DataAnnotations;

namespace Hapta.Realtime;

/// <summary>Settings of <c>/api/realtime</c> (section <c>Hapta:Realtime</c>).</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Hapta:Realtime";

    /// <summary>How often an idle stream gets a comment line, so that proxies and clients keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00",
        ErrorMessage = "Hapta:Realtime:Heartbeat must be between 1 second and 10 minutes.")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>The most topics one client may subscribe to.</summary>
    [Range(1, 10_000, ErrorMessage = "Hapta:Realtime:MaxSubscriptions must be between 1 and 10000.")]
    public int MaxSubscriptions { get; set; } = 1000;

    /// <summary>Events waiting for a slow client; one further behind is disconnected (its SDK reconnects).</summary>
    [Range(16, 100_000, ErrorMessage = "Hapta:Realtime:MaxQueuedEvents must be between 16 and 100000.")]
    public int MaxQueuedEvents { get; set; } = 1000;
}
