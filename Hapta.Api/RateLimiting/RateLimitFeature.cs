namespace Hapta.RateLimiting;

/// <summary>The decisions taken for one request, kept so that a later check (per identity) adds to them.</summary>
internal sealed class RateLimitFeature
{
    private readonly RateDecision[] _decisions = new RateDecision[4];

    public int Count { get; private set; }

    public ReadOnlySpan<RateDecision> Decisions => _decisions.AsSpan(0, Count);

    public void Add(RateDecision decision)
    {
        if (Count < _decisions.Length)
        {
            _decisions[Count++] = decision;
        }
    }
}
