using System.Text.Json;

namespace Hapta.Caching.Rules;

/// <summary><c>a &amp;&amp; b &amp;&amp; …</c>: every part holds.</summary>
internal sealed class AllOfNode(RuleNode[] parts) : RuleNode
{
    public override bool Evaluate(JsonElement record, Requester requester)
    {
        foreach (var part in parts)
        {
            if (!part.Evaluate(record, requester))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => "(" + string.Join(" && ", (object[])parts) + ")";
}
