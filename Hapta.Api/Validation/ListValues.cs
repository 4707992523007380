using System.Text.Json;

namespace Hapta.Validation;

/// <summary>
/// The values of a select, relation or file field as PocketBase collects them: empty values dropped, each value
/// once, and a text that is a JSON list (as forms send it) read as that list.
/// </summary>
internal static class ListValues
{
    /// <summary>Adds the values in <paramref name="text"/>; false when it looks like a list but is not one.</summary>
    public static bool TryAdd(List<string> items, string text)
    {
        if (!text.StartsWith('['))
        {
            AddItem(items, text);
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                AddItem(items, item.GetString()!);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static void AddItem(List<string> items, string item)
    {
        if (item.Length > 0 && !items.Contains(item, StringComparer.Ordinal))
        {
            items.Add(item);
        }
    }
}
