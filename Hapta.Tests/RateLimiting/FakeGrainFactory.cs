using System.Collections.Concurrent;
using Hapta.Tests.Infrastructure;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Hands out one <see cref="FakeRateLimitGrain"/> per key, created on first use by either the test (to queue its
/// answers) or the code under test, and records every key the code under test asked for. Only string-keyed
/// <see cref="IRateLimitGrain"/> references exist here; every other member throws.
/// </summary>
internal sealed class FakeGrainFactory : UnsupportedGrainFactory
{
    private readonly ConcurrentDictionary<string, FakeRateLimitGrain> _buckets = new(StringComparer.Ordinal);

    /// <summary>The keys asked for through <see cref="IGrainFactory"/>, in order, one per reference taken.</summary>
    public ConcurrentQueue<string> Requested { get; } = new();

    /// <summary>The bucket grain under <paramref name="key"/> (<c>{policy}/{partition}</c>), created if new.</summary>
    public FakeRateLimitGrain Bucket(string key) => _buckets.GetOrAdd(key, static k => new FakeRateLimitGrain(k));

    public override TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
    {
        if (typeof(TGrainInterface) != typeof(IRateLimitGrain))
        {
            throw Unsupported();
        }

        Requested.Enqueue(primaryKey);
        return (TGrainInterface)(object)Bucket(primaryKey);
    }
}
