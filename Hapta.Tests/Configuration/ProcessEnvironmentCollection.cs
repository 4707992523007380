namespace Hapta.Configuration.Tests;

/// <summary>
/// Tests that change the process environment. The environment is shared by every test in the run, so these
/// run alone, after the parallel ones, and each restores what it changed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
