using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hapta.Bench.Running;

namespace Hapta.Bench.PocketBase;

/// <summary>
/// The seed as PocketBase holds it (<c>bench/pb_migrations</c>): 100 users, 1,000 posts, one in ten private.
/// </summary>
internal sealed class SeedData
{
    /// <summary>The password every seed user has (see the seed migration).</summary>
    public const string Password = "bench-pass-0000";

    private SeedData(IReadOnlyList<SeedPost> posts, IReadOnlyList<SeedUser> users)
    {
        Posts = posts;
        Users = users;
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<SeedPost> Posts { get; }

    public IReadOnlyList<SeedUser> Users { get; }

    public static async Task<SeedData> LoadAsync(PocketBaseAdmin admin, CancellationToken cancellationToken)
    {
        var rows = await admin.ListAllAsync("posts", "sort=created&fields=id,author,public,created", cancellationToken);
        var posts = rows
            .Select(post => new SeedPost(
                (string)post["id"]!, (string)post["author"]!, (bool)post["public"]!, (string)post["created"]!))
            .ToList();
        var users = (await admin.ListAllAsync("users", "sort=username&fields=id,username", cancellationToken))
            .Select(user => new SeedUser((string)user["id"]!, (string)user["username"]!))
            .ToList();
        if (posts.Count < 100 || users.Count < 50)
        {
            throw new BenchFailedException(
                $"the seed is missing: PocketBase holds {posts.Count} posts and {users.Count} users");
        }

        return new SeedData(posts, users);
    }

    /// <summary>
    /// Logs the first <paramref name="count"/> users in at <paramref name="server"/> (PocketBase or Hapta), two at
    /// a time: each login is about 0.3 s of bcrypt, and the machine has two cores.
    /// </summary>
    public async Task<IReadOnlyList<WriterAccount>> LogInAsync(
        Uri server,
        int count,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var accounts = new WriterAccount[Math.Min(count, Users.Count)];
        await Parallel.ForAsync(
            0,
            accounts.Length,
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (i, token) => accounts[i] = await LogInAsync(http, i, token));
        return accounts;
    }

    private async Task<WriterAccount> LogInAsync(HttpClient http, int userIndex, CancellationToken cancellationToken)
    {
        var user = Users[userIndex];
        using var response = await http.PostAsJsonAsync(
            "/api/collections/users/auth-with-password",
            new { identity = user.Username, password = Password },
            cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || JsonNode.Parse(text)?["token"] is not { } jwt)
        {
            throw new BenchFailedException(
                $"login of {user.Username} at {http.BaseAddress}: answered {(int)response.StatusCode}: {text}");
        }

        var ownPublic = Posts.Where(post => post.AuthorId == user.Id && post.IsPublic)
            .Select(post => post.Id)
            .ToList();
        return new WriterAccount(user.Id, (string)jwt!, ownPublic);
    }
}
