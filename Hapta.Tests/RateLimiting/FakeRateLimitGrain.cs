using System.Collections.Concurrent;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// A bucket that answers <see cref="TakeAsync"/> with what the test queued, one answer per call in order: a grant,
/// a failure (a faulted or cancelled task, or a throw before any task exists), or a grant held until the test
/// completes it, so that the fake clock can move while the call is in flight. Every call is recorded; a call with
/// nothing queued is answered with an <see cref="InvalidOperationException"/>, which the caller under test treats
/// as any other failure, so tests assert the exact number of calls.
/// </summary>
internal sealed class FakeRateLimitGrain(string key) : IRateLimitGrain
{
    private readonly ConcurrentQueue<Func<Task<PermitGrant>>> _answers = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _arrivals = new();
    private readonly Lock _gate = new();
    private readonly List<(RateRule Rule, string Holder, int Returned, int Wanted)> _calls = [];

    public string Key { get; } = key;

    /// <summary>Every call so far, in the order they arrived.</summary>
    public IReadOnlyList<(RateRule Rule, string Holder, int Returned, int Wanted)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Answer(PermitGrant grant) => _answers.Enqueue(() => Task.FromResult(grant));

    /// <summary>The call's task faults with <paramref name="failure"/>.</summary>
    public void Fail(Exception failure) => _answers.Enqueue(() => Task.FromException<PermitGrant>(failure));

    /// <summary>The call throws <paramref name="failure"/> before returning a task.</summary>
    public void FailSynchronously(Exception failure) => _answers.Enqueue(() => throw failure);

    /// <summary>The call's task is cancelled, as a grain call cancelled by the runtime is.</summary>
    public void Cancel() =>
        _answers.Enqueue(static () => Task.FromCanceled<PermitGrant>(new CancellationToken(canceled: true)));

    /// <summary>The call waits for the returned source, which the test completes (or fails) when it chooses.</summary>
    public TaskCompletionSource<PermitGrant> Hold()
    {
        var held = new TaskCompletionSource<PermitGrant>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers.Enqueue(() => held.Task);
        return held;
    }

    /// <summary>Completes when the <paramref name="count"/>th call (counting from 1) has arrived.</summary>
    public Task CalledAsync(int count) => Arrival(count).Task;

    public Task<PermitGrant> TakeAsync(RateRule rule, string holder, int returned, int wanted)
    {
        int count;
        lock (_gate)
        {
            _calls.Add((rule, holder, returned, wanted));
            count = _calls.Count;
        }

        Arrival(count).TrySetResult();
        return _answers.TryDequeue(out var answer)
            ? answer()
            : Task.FromException<PermitGrant>(
                new InvalidOperationException($"Call {count} to {Key} has no answer queued."));
    }

    public Task<BucketReport> InspectAsync(RateRule rule) =>
        throw new NotSupportedException("PermitLeases never inspects a bucket.");

    public Task ResetAsync() => throw new NotSupportedException("PermitLeases never resets a bucket.");

    private TaskCompletionSource Arrival(int count) => _arrivals.GetOrAdd(
        count,
        static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
