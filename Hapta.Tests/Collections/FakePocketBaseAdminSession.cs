using System.Collections.Concurrent;
using Hapta.PocketBase;

namespace Hapta.Collections.Tests;

/// <summary>
/// Hands out <c>admin-token-n</c>, moving to the next number after a rejection, and records rejections.
/// <see cref="Failure"/>, when set, is thrown instead, as a refused login would be.
/// </summary>
internal sealed class FakePocketBaseAdminSession : IPocketBaseAdminSession
{
    private int _generation = 1;

    public Exception? Failure { get; set; }

    public ConcurrentQueue<string> Rejected { get; } = new();

    public string Current => $"admin-token-{Volatile.Read(ref _generation)}";

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) =>
        Failure is { } failure ? ValueTask.FromException<string>(failure) : ValueTask.FromResult(Current);

    public void Reject(string token)
    {
        Rejected.Enqueue(token);
        if (token == Current)
        {
            Interlocked.Increment(ref _generation);
        }
    }

    public void Reset()
    {
        Failure = null;
        Rejected.Clear();
        Volatile.Write(ref _generation, 1);
    }
}
