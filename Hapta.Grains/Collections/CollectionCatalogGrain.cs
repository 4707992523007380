using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hapta.PocketBase;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Hapta.Collections;

/// <summary>
/// Reads every collection with the admin token, at most once per <see cref="CatalogOptions.MaxAge"/>.
/// The grain is not reentrant, so callers that arrive during a refresh wait for it and share its result
/// rather than each asking PocketBase.
/// </summary>
internal sealed class CollectionCatalogGrain(
    IPocketBaseApi pocketBase,
    IPocketBaseAdminSession admin,
    IOptions<CatalogOptions> options,
    TimeProvider time,
    ILogger<CollectionCatalogGrain> logger) : Grain, ICollectionCatalogGrain
{
    private const int PageSize = 200;

    private CollectionCatalog _catalog = CollectionCatalog.Empty;
    private byte[] _fingerprint = [];
    private GrainPlacement? _placement;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _placement = new GrainPlacement
        {
            Silo = RuntimeIdentity,
            ActivationId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            ActivatedAt = time.GetUtcNow(),
        };
        return Task.CompletedTask;
    }

    /// <remarks>
    /// A failed read is not retried for <see cref="CatalogOptions.MaxAge"/> either: while PocketBase is down,
    /// callers get the last good snapshot at once instead of each waiting out a timeout in turn.
    /// </remarks>
    public Task<CollectionCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = _catalog.Version > 0 && now - _catalog.FetchedAt < options.Value.MaxAge;
        var backingOff = now - _lastAttempt < options.Value.MaxAge;
        return fresh || backingOff ? Task.FromResult(_catalog) : RefreshAsync(cancellationToken);
    }

    public async Task<CollectionCatalog> RefreshAsync(CancellationToken cancellationToken)
    {
        _lastAttempt = time.GetUtcNow();
        try
        {
            var (collections, fingerprint) = await ReadAllAsync(cancellationToken);
            var changed = !fingerprint.AsSpan().SequenceEqual(_fingerprint);
            _fingerprint = fingerprint;
            _catalog = new CollectionCatalog
            {
                Version = changed ? _catalog.Version + 1 : _catalog.Version,
                FetchedAt = time.GetUtcNow(),
                Collections = collections,
            };
            if (changed)
            {
                logger.CatalogRefreshed(_catalog.Version, collections.Length);
            }
        }
        catch (Exception ex) when (ex is PocketBaseLoginException || UpstreamCall.Classify(ex, cancellationToken) is not null
            || ex is ApiException or BrokenCircuitException or TimeoutRejectedException)
        {
            // Serve the last good snapshot; the next caller tries again.
            logger.CatalogRefreshFailed(_catalog.Version, ex.GetBaseException().Message);
        }

        return _catalog;
    }

    public Task<GrainPlacement> DescribeAsync() => Task.FromResult(_placement!);

    private async Task<(ImmutableArray<CollectionInfo> Collections, byte[] Fingerprint)> ReadAllAsync(
        CancellationToken cancellationToken)
    {
        var builder = ImmutableArray.CreateBuilder<CollectionInfo>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var page = 1; ; page++)
        {
            var token = await admin.GetTokenAsync(cancellationToken);
            using var response = await pocketBase.ListCollectionsAsync(token, page, PageSize, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                admin.Reject(token);
            }

            await response.EnsureSuccessfulAsync();
            var content = response.Content!;
            foreach (var model in content.Items)
            {
                var info = ToInfo(model);
                builder.Add(info);
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(info));
            }

            if (content.Items.Count == 0 || page >= content.TotalPages)
            {
                break;
            }
        }

        return (builder.ToImmutable(), hash.GetHashAndReset());
    }

    private static CollectionInfo ToInfo(CollectionModel model) => new()
    {
        Id = model.Id,
        Name = model.Name,
        Type = model.Type,
        System = model.System,
        ListRule = model.ListRule,
        ViewRule = model.ViewRule,
        CreateRule = model.CreateRule,
        UpdateRule = model.UpdateRule,
        DeleteRule = model.DeleteRule,
        Fields = [.. model.Schema.Select(static f => new FieldInfo
        {
            Name = f.Name,
            Type = f.Type,
            Required = f.Required,
            OptionsJson = f.Options.ValueKind == JsonValueKind.Undefined ? "{}" : f.Options.GetRawText(),
        })],
    };
}
