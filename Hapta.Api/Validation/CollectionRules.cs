using System.Collections.Frozen;
using Hapta.Collections;

namespace Hapta.Validation;

/// <summary>The <see cref="FieldRule"/>s of one collection, as of one catalog snapshot.</summary>
internal sealed class CollectionRules(CollectionInfo collection, FrozenDictionary<string, FieldRule> fields)
{
    public CollectionInfo Collection { get; } = collection;

    /// <summary>By field name, exactly as PocketBase matches body keys.</summary>
    public FrozenDictionary<string, FieldRule> Fields { get; } = fields;

    public bool IsAuth => Collection.Type == "auth";

    public bool IsView => Collection.Type == "view";
}
