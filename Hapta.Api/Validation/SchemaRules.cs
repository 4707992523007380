using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Hapta.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hapta.Validation;

/// <summary>
/// The <see cref="CollectionRules"/> of each collection, built once per catalog snapshot: a new snapshot brings new
/// <see cref="CollectionInfo"/> objects, so a schema change in PocketBase reaches validation with the catalog.
/// </summary>
internal sealed partial class SchemaRules(IOptions<ValidationOptions> options, ILogger<SchemaRules> logger)
{
    private readonly ConditionalWeakTable<CollectionInfo, CollectionRules> _built = [];

    public CollectionRules For(CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return _built.GetValue(collection, Build);
    }

    private CollectionRules Build(CollectionInfo collection)
    {
        var configured = options.Value.Collections.GetValueOrDefault(collection.Name);
        var fields = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
        foreach (var field in collection.Fields)
        {
            var ignored = new List<string>();
            var tightening = configured?.GetValueOrDefault(field.Name);
            fields[field.Name] = FieldRule.From(field, tightening, ignored);
            if (ignored.Count > 0)
            {
                LogTighteningIgnored(logger, collection.Name, field.Name, field.Type, string.Join(", ", ignored));
            }
        }

        foreach (var name in configured?.Keys ?? Enumerable.Empty<string>())
        {
            if (!fields.ContainsKey(name))
            {
                LogUnknownField(logger, collection.Name, name);
            }
        }

        return new CollectionRules(collection, fields.ToFrozenDictionary(StringComparer.Ordinal));
    }

    [LoggerMessage(
        Diagnostics.EventIds.TighteningIgnored, LogLevel.Warning,
        "Hapta:Validation:Collections:{Collection}:{Field}: {Settings} do not apply to a {Type} field; ignored")]
    private static partial void LogTighteningIgnored(
        ILogger logger, string collection, string field, string type, string settings);

    [LoggerMessage(
        Diagnostics.EventIds.TighteningUnknownField, LogLevel.Warning,
        "Hapta:Validation:Collections:{Collection}:{Field} names a field that collection does not have; ignored")]
    private static partial void LogUnknownField(ILogger logger, string collection, string field);
}
