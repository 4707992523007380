using System.Text.Json;

namespace Hapta.Caching.Rules;

/// <summary><c>a || b || …</c>: some part holds.</summary>
internal sealed class AnyOfNode(RuleNode[] parts) : RuleNode
{
    public override bool Evaluate(JsonElement record, Requester requester)
    {
        foreach (var part in parts)
        {
            if (part.Evaluate(record, requester))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => "(" + string.Join(" || ", (object[])parts) + ")";
}
