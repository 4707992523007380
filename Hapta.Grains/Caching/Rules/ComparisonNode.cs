using System.Text.Json;

namespace Hapta.Caching.Rules;

/// <summary>One <c>left op right</c> of the subset, with operands already checked to be comparable.</summary>
internal sealed class ComparisonNode(Operand left, ComparisonOperator op, Operand right) : RuleNode
{
    public override bool Evaluate(JsonElement record, Requester requester)
    {
        var a = left.Resolve(record, requester);
        var b = right.Resolve(record, requester);
        return op switch
        {
            ComparisonOperator.Equal => RuleValue.AreEqual(a, b),
            ComparisonOperator.NotEqual => RuleValue.AreNotEqual(a, b),
            ComparisonOperator.Less => RuleValue.Order(a, b) < 0,
            ComparisonOperator.LessOrEqual => RuleValue.Order(a, b) <= 0,
            ComparisonOperator.Greater => RuleValue.Order(a, b) > 0,
            _ => RuleValue.Order(a, b) >= 0,
        };
    }

    public override string ToString() => $"{left} {op} {right}";
}
