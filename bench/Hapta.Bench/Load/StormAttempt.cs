namespace Hapta.Bench.Load;

/// <summary>
/// One login of W5: from client address number <see cref="Address"/>, naming identity number
/// <see cref="Identity"/> of the plan, with the right password or a wrong one.
/// </summary>
internal readonly record struct StormAttempt(int Address, int Identity, bool CorrectPassword);
