using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Hapta.Collections;
using Hapta.PocketBase;

namespace Hapta.Caching;

/// <summary>
/// Decides whether a read is cached, under which key and scope, and what it depends on, from the collection's
/// rule and the query (DESIGN §6). It errs towards smaller scopes and more dependencies: a wrong answer here
/// serves one user's data to another or a stale record, a cautious one only costs hits.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An admin-only rule (<see langword="null"/>) is never cached: PocketBase answers 403 to clients.</item>
/// <item>Rules, filters and sorts that use <c>@</c> macros other than <c>@request.auth.*</c> and
/// <c>@collection.*</c> (<c>@now</c>, <c>@request.headers</c>, <c>@request.query</c>, …) are not cached: their
/// answer depends on time or on parts of the request that are not in the key.</item>
/// <item>Anything that mentions <c>@request.auth</c>, any <c>expand</c> (PocketBase applies the expanded
/// collections' rules to the requester) and every auth collection (e-mail visibility) is scoped per
/// requester: one entry for all guests, one per user.</item>
/// <item>Dotted paths (relations), <c>@collection</c>, auth fields other than the id and collection,
/// <c>expand</c> and view collections make the entry depend on all data, not only its own collection.</item>
/// </list>
/// </remarks>
public static class CachePlanner
{
    /// <summary>
    /// Collection rules read once: they are few and set by the admin, unlike filters and sorts, which come from
    /// clients and are read per request rather than kept.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Expression> RuleExpressions = new(StringComparer.Ordinal);

    /// <summary>The plan for a read, or <see langword="null"/> when it must go to PocketBase every time.</summary>
    /// <param name="collection">The collection, from this silo's catalog.</param>
    /// <param name="operation">List or view.</param>
    /// <param name="recordId">The record of a view (already checked for PocketBase's id form).</param>
    /// <param name="query">The query as the client sent it.</param>
    /// <param name="requester">The user's auth collection id and id, or <see langword="null"/> for a guest.</param>
    /// <param name="canDecideViewRule">
    /// Whether Hapta can evaluate the collection's view rule itself on a cached record (shared views).
    /// </param>
    public static CachePlan? Plan(
        CollectionInfo collection,
        CacheOperation operation,
        string? recordId,
        RecordQuery query,
        (string CollectionId, string Id)? requester,
        Func<CollectionInfo, bool> canDecideViewRule)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(canDecideViewRule);
        var rule = operation == CacheOperation.List ? collection.ListRule : collection.ViewRule;
        if (rule is null || (operation == CacheOperation.View && recordId is null))
        {
            return null;
        }

        var canonical = operation == CacheOperation.List
            ? CanonicalQuery.ForList(query)
            : CanonicalQuery.ForView(query);
        var rulePart = RuleExpressions.GetOrAdd(rule, static r => Expression.Read(r));
        var filterPart = Expression.Read(canonical.Filter);
        var sortPart = Expression.Read(canonical.Sort);
        if (rulePart.Uncacheable || filterPart.Uncacheable || sortPart.Uncacheable)
        {
            return null;
        }

        var expands = canonical.Expand is not null;
        var perRequester = rulePart.UsesRequester || filterPart.UsesRequester || sortPart.UsesRequester || expands
            || collection.Type == "auth";
        var dependsOnAll = rulePart.CrossCollection || filterPart.CrossCollection || sortPart.CrossCollection
            || expands || collection.Type == "view";

        string scope;
        if (!perRequester)
        {
            scope = CacheScopes.Public;
        }
        else if (operation == CacheOperation.View && collection.Type == "base" && canonical.Fields is null
            && !expands && !dependsOnAll && canDecideViewRule(collection))
        {
            scope = CacheScopes.Shared;
        }
        else
        {
            scope = requester is { } user ? CacheScopes.User(user.CollectionId, user.Id) : CacheScopes.Guest;
        }

        // Items are told apart by id; a list whose fields leave the id out cannot say which records it holds.
        var identifiable = canonical.Fields is null
            || canonical.Fields.Split(',').Any(static f => f is "id" or "*");
        var listFields = operation == CacheOperation.List && !dependsOnAll && identifiable
            ? rulePart.Names.Concat(filterPart.Names).Concat(sortPart.Names)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray()
            : default;
        return new CachePlan
        {
            Key = KeyOf(collection.Name, operation, scope, recordId, canonical),
            ListFields = listFields,
            Scope = scope,
            CollectionId = collection.Id,
            Collection = collection.Name,
            Operation = operation,
            RecordId = operation == CacheOperation.View ? recordId : null,
            Query = canonical,
            Rule = rule,
            DependsOnAll = dependsOnAll,
        };
    }

    /// <summary>The readable key: parameters in name order, values percent-encoded.</summary>
    public static string KeyOf(
        string collection,
        CacheOperation operation,
        string scope,
        string? recordId,
        RecordQuery canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var key = new StringBuilder(collection)
            .Append(operation == CacheOperation.List ? "/list/" : "/view/")
            .Append(scope);
        if (operation == CacheOperation.View)
        {
            key.Append('/').Append(recordId);
        }

        var separator = '?';
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                key.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        Add("expand", canonical.Expand);
        Add("fields", canonical.Fields);
        Add("filter", canonical.Filter);
        Add("page", canonical.Page);
        Add("perPage", canonical.PerPage);
        Add("skipTotal", canonical.SkipTotal);
        Add("sort", canonical.Sort);
        return key.ToString();
    }

    /// <summary>
    /// What a rule, filter or sort refers to, read with string literals left out. <see cref="Names"/> holds every
    /// word outside literals and macros, lower-cased (SQLite matches column names without regard to case): field
    /// names, and harmless extras such as <c>true</c> or a modifier's name.
    /// </summary>
    private readonly record struct Expression(
        bool UsesRequester,
        bool CrossCollection,
        bool Uncacheable,
        ImmutableArray<string> Names)
    {
        private static readonly string[] LocalAuthFields = ["id", "collectionId", "collectionName"];

        public static Expression Read(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return new Expression(false, false, false, []);
            }

            var code = WithoutLiterals(text);
            var usesRequester = false;
            var cross = false;
            var rest = new StringBuilder(code.Length);
            for (var i = 0; i < code.Length; i++)
            {
                if (code[i] != '@')
                {
                    rest.Append(code[i]);
                    continue;
                }

                var end = i + 1;
                while (end < code.Length && (char.IsLetterOrDigit(code[end]) || code[end] is '_' or '.'))
                {
                    end++;
                }

                var macro = code[(i + 1)..end];
                if (macro.StartsWith("request.auth.", StringComparison.Ordinal))
                {
                    usesRequester = true;
                    var field = macro["request.auth.".Length..];
                    cross |= !LocalAuthFields.Contains(field, StringComparer.Ordinal);
                }
                else if (macro.StartsWith("collection.", StringComparison.Ordinal))
                {
                    cross = true;
                }
                else
                {
                    return new Expression(false, false, Uncacheable: true, []);
                }

                i = end - 1;
            }

            // A dot left outside literals and macros is a relation path (or a decimal number: harmless).
            var remainder = rest.ToString();
            cross |= remainder.Contains('.', StringComparison.Ordinal);
            return new Expression(usesRequester, cross, Uncacheable: false, Words(remainder));
        }

        private static ImmutableArray<string> Words(string code)
        {
            var words = ImmutableArray.CreateBuilder<string>();
            for (var i = 0; i < code.Length; i++)
            {
                if (!char.IsLetter(code[i]) && code[i] != '_')
                {
                    continue;
                }

                var start = i;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_'))
                {
                    i++;
                }

                words.Add(code[start..i].ToLowerInvariant());
            }

            return words.ToImmutable();
        }

        /// <summary>
        /// The text with the content of every quoted string and every <c>//</c> comment removed (quotes kept, a
        /// comment becomes a space), read as PocketBase's lexer reads it: a quote preceded by a backslash does not end
        /// a string, and a comment runs to the end of its line.
        /// </summary>
        private static string WithoutLiterals(string text)
        {
            var code = new StringBuilder(text.Length);
            char? quote = null;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quote is { } open)
                {
                    if (c == open && text[i - 1] != '\\')
                    {
                        code.Append(c);
                        quote = null;
                    }

                    continue;
                }

                if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    code.Append(' ');
                    continue;
                }

                code.Append(c);
                if (c is '\'' or '"')
                {
                    quote = c;
                }
            }

            return code.ToString();
        }
    }
}
