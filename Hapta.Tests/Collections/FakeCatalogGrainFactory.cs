using Hapta.Tests.Infrastructure;

namespace Hapta.Collections.Tests;

/// <summary>Hands out <see cref="Grain"/> as the one catalog grain.</summary>
internal sealed class FakeCatalogGrainFactory : UnsupportedGrainFactory
{
    public FakeCatalogGrain Grain { get; } = new();

    public override TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null) =>
        typeof(TGrainInterface) == typeof(ICollectionCatalogGrain)
            ? (TGrainInterface)(object)Grain
            : throw Unsupported();
}
