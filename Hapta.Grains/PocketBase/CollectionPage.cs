using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hapta.PocketBase;

/// <summary>A page of <c>GET /api/collections</c>, as PocketBase 0.22 shapes it.</summary>
public sealed record CollectionPage
{
    public int Page { get; init; }

    public int TotalPages { get; init; }

    public List<CollectionModel> Items { get; init; } = [];
}

/// <summary>One collection definition. A rule of <see langword="null"/> means admin only; "" means everyone.</summary>
public sealed record CollectionModel
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public bool System { get; init; }

    public List<SchemaFieldModel> Schema { get; init; } = [];

    public string? ListRule { get; init; }

    public string? ViewRule { get; init; }

    public string? CreateRule { get; init; }

    public string? UpdateRule { get; init; }

    public string? DeleteRule { get; init; }
}

/// <summary>One field of a collection schema; <see cref="Options"/> depends on the type.</summary>
public sealed record SchemaFieldModel
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public bool Required { get; init; }

    [JsonPropertyName("options")]
    public JsonElement Options { get; init; }
}
