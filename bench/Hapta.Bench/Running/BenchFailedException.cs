namespace Hapta.Bench.Running;

/// <summary>A run that cannot go on (a process did not start, a login failed); the message says why.</summary>
internal sealed class BenchFailedException(string message, Exception? inner = null) : Exception(message, inner);
