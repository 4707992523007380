using System.Text.Json;
using Hapta.Collections;

namespace Hapta.Caching.Rules;

/// <summary>
/// A collection's <c>viewRule</c> compiled for the cache (DESIGN §6): a record view is cached once, as an admin
/// sees it, and this decides per request whether PocketBase would have shown it to the requester.
/// </summary>
/// <remarks>
/// <para>
/// PocketBase 0.22 answers a view with <c>SELECT … WHERE id = ? AND (rule as SQL)</c> and a 404 when no row comes
/// back. Its filter resolver (<c>tools/search/filter.go</c>, <c>resolvers/record_field_resolver.go</c>) turns each
/// comparison into SQL, and SQLite's typing decides the rest. This class reproduces that outcome for a subset it
/// can get exactly right, and <see cref="TryCompile"/> answers <see langword="null"/> for everything else, so the
/// caller keeps per-user entries: a refusal costs cache hits, a wrong <see cref="Allows"/> leaks a record.
/// </para>
/// <para>
/// The subset: <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> joined by <c>&amp;&amp;</c>,
/// <c>||</c> and parentheses, between the record's own single-valued columns (text, email, url, number, bool,
/// date, select and relation with <c>maxSelect</c> 1, and <c>id</c>, <c>created</c>, <c>updated</c>), quoted texts,
/// numbers, <c>true</c>, <c>false</c>, <c>null</c>, and <c>@request.auth.id</c>, <c>.collectionId</c>,
/// <c>.collectionName</c>; both sides of one category (<see cref="ValueCategory"/>), or <c>null</c> on either.
/// Out of it: <c>~</c>, <c>?=</c> and the other any-of signs, relation paths, modifiers (<c>:isset</c>, <c>:each</c>,
/// <c>:length</c>), <c>@collection</c>, <c>@request.data</c>/<c>query</c>/<c>headers</c>/<c>method</c>, <c>@now</c>
/// and the other macros, other <c>@request.auth</c> fields, comments, mixed categories, rules over 4,096
/// characters or nested over 32 levels, and every collection but a base one: a view's columns carry no declared
/// type, and auth collections are left out because the differential test does not cover them (their records
/// are scoped per requester anyway, for e-mail visibility, so a shared entry would gain nothing).
/// </para>
/// <para>
/// The semantics, as PocketBase's SQL has them. <c>=</c> and <c>!=</c> treat an empty operand (<c>null</c>,
/// <c>''</c>, a guest's <c>@request.auth.*</c>) as <c>''</c>: <c>field = null</c> holds for an empty text or date
/// and never for a number or bool, and a guest's <c>@request.auth.id = ''</c> holds. <c>!=</c> is the exact
/// negation (PocketBase writes it with <c>IS NOT</c>, and every column is <c>NOT NULL</c>). Ordering signs reach
/// SQLite as written: <c>null</c> or a guest's <c>@request.auth.*</c> on either side makes them false, texts
/// order by UTF-8 bytes (code points, not .NET's UTF-16 order) and numbers by value; <c>true</c> and
/// <c>false</c> are 1 and 0. Each of these is checked against a real PocketBase by the differential test.
/// </para>
/// <para>
/// The invariant that keeps a cached record safe when its JSON does not fit the schema (a field missing, of
/// another type): such a comparison is false. A rule of the subset has no negation (<c>!=</c> is a comparison,
/// not a NOT), so it is monotone in its comparisons, and turning one from its true value to false can only turn
/// the whole rule from allowed to denied, never the other way.
/// </para>
/// </remarks>
public sealed class RecordRule
{
    /// <summary>Longer rules are not compiled (the caller falls back to per-user entries).</summary>
    public const int MaxRuleLength = 4096;

    private readonly RuleNode? _root;

    private RecordRule(RuleNode? root) => _root = root;

    /// <summary>
    /// Compiles a PocketBase rule for records of <paramref name="collection"/>: <c>""</c> lets everyone view.
    /// </summary>
    /// <returns>
    /// <see langword="null"/> when the rule is outside the subset Hapta decides exactly (see the remarks), when
    /// PocketBase would not parse it, and for a <see langword="null"/> rule (admin only). Never throws on any string.
    /// </returns>
    public static RecordRule? TryCompile(string rule, CollectionInfo collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (rule is null || rule.Length > MaxRuleLength)
        {
            return null;
        }

        if (rule.Length == 0)
        {
            return new RecordRule(null);
        }

        if (collection.Type != "base")
        {
            return null;
        }

        var tokens = RuleTokenizer.Tokenize(rule);
        var root = tokens is null ? null : RuleParser.Parse(tokens, RuleSchema.From(collection));
        return root is null ? null : new RecordRule(root);
    }

    /// <summary>
    /// Whether PocketBase would let <paramref name="requester"/> view <paramref name="record"/>: the record JSON
    /// exactly as PocketBase returns it to an admin, every schema field present at the top level.
    /// </summary>
    public bool Allows(JsonElement record, Requester requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return _root is null || _root.Evaluate(record, requester);
    }

    public override string ToString() => _root?.ToString() ?? "everyone";
}
