using System.Text.Json;

namespace Hapta.Caching.Rules.Tests;

/// <summary>One view of one record by one requester under one rule, with PocketBase's answer and ours.</summary>
internal sealed record RuleCase(string Rule, JsonElement Record, LabRequester Requester, bool PocketBase, bool Hapta)
{
    public override string ToString() =>
        $"rule: {Rule}\n  record: {Record.GetRawText()}\n  requester: {Requester}\n"
        + $"  PocketBase: {(PocketBase ? "200 allowed" : "404 denied")}, Hapta: {(Hapta ? "allowed" : "denied")}";
}
