using System.Collections.Concurrent;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Hands out one <see cref="FakeRateLimitGrain"/> per key, created on first use by either the test (to queue its
/// answers) or the code under test, and records every key the code under test asked for. Only string-keyed
/// <see cref="IRateLimitGrain"/> references exist here; every other member throws.
/// </summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly ConcurrentDictionary<string, FakeRateLimitGrain> _buckets = new(StringComparer.Ordinal);

    /// <summary>The keys asked for through <see cref="IGrainFactory"/>, in order, one per reference taken.</summary>
    public ConcurrentQueue<string> Requested { get; } = new();

    /// <summary>The bucket grain under <paramref name="key"/> (<c>{policy}/{partition}</c>), created if new.</summary>
    public FakeRateLimitGrain Bucket(string key) => _buckets.GetOrAdd(key, static k => new FakeRateLimitGrain(k));

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        if (typeof(TGrainInterface) != typeof(IRateLimitGrain))
        {
            throw Unsupported();
        }

        Requested.Enqueue(primaryKey);
        return (TGrainInterface)(object)Bucket(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw Unsupported();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => throw Unsupported();

    public TGrainInterface GetGrain<TGrainInterface>(
        Guid primaryKey,
        string keyExtension,
        string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw Unsupported();

    public TGrainInterface GetGrain<TGrainInterface>(
        long primaryKey,
        string keyExtension,
        string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw Unsupported();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw Unsupported();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unsupported();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unsupported();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw Unsupported();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw Unsupported();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw Unsupported();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) =>
        throw Unsupported();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) =>
        throw Unsupported();

    public IAddressable GetGrain(GrainId grainId) => throw Unsupported();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw Unsupported();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) =>
        throw Unsupported();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw Unsupported();

    private static NotSupportedException Unsupported() =>
        new("The fake grain factory only hands out string-keyed IRateLimitGrain references.");
}
