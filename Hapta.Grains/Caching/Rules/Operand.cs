using System.Text.Json;

namespace Hapta.Caching.Rules;

/// <summary>One side of a comparison, compiled: what to read from the record or the requester, or a constant.</summary>
internal sealed class Operand
{
    private readonly RuleValue _constant;

    private Operand(OperandKind kind, ValueCategory category, string? fieldName, RuleValue constant, string source)
    {
        Kind = kind;
        Category = category;
        FieldName = fieldName;
        _constant = constant;
        Source = source;
    }

    public OperandKind Kind { get; }

    public ValueCategory Category { get; }

    public string? FieldName { get; }

    /// <summary>The operand as the rule spelled it, for messages.</summary>
    public string Source { get; }

    public static Operand Field(string name, ValueCategory category) =>
        new(OperandKind.Field, category, name, RuleValue.Missing, name);

    public static Operand Text(string text, string source) =>
        new(OperandKind.Literal, ValueCategory.Text, null, RuleValue.FromText(text), source);

    public static Operand Number(double number, string source) =>
        new(OperandKind.Literal, ValueCategory.Number, null, RuleValue.FromNumber(number), source);

    public static Operand Bool(bool value, string source) =>
        new(OperandKind.Literal, ValueCategory.Bool, null, RuleValue.FromBool(value), source);

    public static Operand Null(string source) =>
        new(OperandKind.Literal, ValueCategory.Null, null, RuleValue.Null, source);

    public static Operand Auth(OperandKind kind, string source) =>
        new(kind, ValueCategory.Text, null, RuleValue.Missing, source);

    public RuleValue Resolve(JsonElement record, Requester requester) => Kind switch
    {
        OperandKind.Literal => _constant,
        OperandKind.Field => ReadField(record),
        // PocketBase resolves every @request.auth.* of a guest to SQL NULL.
        _ when requester.IsGuest => RuleValue.Null,
        OperandKind.AuthId => RuleValue.FromText(requester.Id!),
        OperandKind.AuthCollectionId => NonEmpty(requester.CollectionId),
        _ => NonEmpty(requester.CollectionName),
    };

    public override string ToString() => Source;

    private static RuleValue NonEmpty(string? text) =>
        string.IsNullOrEmpty(text) ? RuleValue.Missing : RuleValue.FromText(text);

    private RuleValue ReadField(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty(FieldName!, out var value))
        {
            return RuleValue.Missing;
        }

        return (Category, value.ValueKind) switch
        {
            (ValueCategory.Text, JsonValueKind.String) => RuleValue.FromText(value.GetString()!),
            (ValueCategory.Number, JsonValueKind.Number) when value.TryGetDouble(out var number) =>
                RuleValue.FromNumber(number),
            (ValueCategory.Bool, JsonValueKind.True) => RuleValue.FromBool(true),
            (ValueCategory.Bool, JsonValueKind.False) => RuleValue.FromBool(false),
            _ => RuleValue.Missing,
        };
    }
}
