namespace Hapta.Validation;

/// <summary>
/// A configured rule for one field that can only narrow what PocketBase's schema allows, under
/// <c>Hapta:Validation:Collections:{collection}:{field}</c>. Each limit is combined with PocketBase's own, the
/// stricter winning; a limit that does not apply to the field's type is ignored with a warning.
/// </summary>
public sealed class FieldTightening
{
    /// <summary>Clients may never set the field (a counter kept by a hook, a moderation flag).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The field must be given a non-empty value on create, even where PocketBase does not ask.</summary>
    public bool Required { get; set; }

    /// <summary>Fewest characters of a text, editor, email or url value.</summary>
    public int? MinLength { get; set; }

    /// <summary>Most characters of a text, editor, email or url value; bytes of a json value.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Smallest number.</summary>
    public double? Min { get; set; }

    /// <summary>Largest number.</summary>
    public double? Max { get; set; }

    /// <summary>
    /// A regular expression a text, email or url value must contain a match of, as PocketBase's own
    /// <c>pattern</c>; both must match where the schema has one. Checked in linear time.
    /// </summary>
    public string? Pattern { get; set; }

    /// <summary>Most values of a select, relation or file field.</summary>
    public int? MaxSelect { get; set; }
}
