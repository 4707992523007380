using System.Text.Json;

namespace Hapta.Caching.Rules;

/// <summary>A compiled rule: comparisons joined by <c>&amp;&amp;</c> and <c>||</c>, and no negation.</summary>
internal abstract class RuleNode
{
    public abstract bool Evaluate(JsonElement record, Requester requester);
}
