namespace Hapta.Caching.Rules.Tests;

/// <summary>Who asks PocketBase in the differential test: a guest (no token) or a user with its own token.</summary>
internal sealed record LabRequester(string Label, string? Token, Requester Requester)
{
    public override string ToString() =>
        Requester.Id is null ? Label : $"{Label} ({Requester.Id}, {Requester.CollectionName}/{Requester.CollectionId})";
}
