using System.ComponentModel.DataAnnotations;

namespace Hapta.RateLimiting;

/// <summary>One policy's limit: <see cref="Max"/> requests per <see cref="Duration"/> milliseconds.</summary>
public sealed class RatePolicyOptions
{
    /// <summary>Whether the policy applies. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests admitted per <see cref="Duration"/> in the long run.</summary>
    [Range(1, 10_000_000)]
    public int Max { get; set; }

    /// <summary>The window of <see cref="Max"/>, in milliseconds (as the original Hapta counted it).</summary>
    [Range(1, 86_400_000)]
    public int Duration { get; set; }

    /// <summary>Requests admitted at once after a quiet spell. Default <see cref="Max"/>.</summary>
    [Range(1, 10_000_000)]
    public int? Burst { get; set; }

    public RateRule ToRule() => RateRule.PerWindow(Max, TimeSpan.FromMilliseconds(Duration), Burst);

    internal static RatePolicyOptions Of(int max, int duration, int? burst = null) =>
        new() { Max = max, Duration = duration, Burst = burst };
}
