using Hapta.Bench.Processes;
using Hapta.Bench.Running;

// hapta-bench run …           drives the whole benchmark; Scripts/bench.sh builds it and passes the paths
// hapta-bench fixed-server …  the bare Kestrel endpoint that `run` starts as a child process
return args switch
{
    ["run", .. var rest] => await BenchCommand.RunAsync(rest),
    ["fixed-server", .. var rest] => await FixedResponseServer.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        "usage: hapta-bench run --repo DIR --pocketbase BIN --hapta-dll DLL --results DIR [options]");
    Console.Error.WriteLine("       hapta-bench fixed-server --port PORT --bodies DIR");
    Console.Error.WriteLine("Start it through Scripts/bench.sh, which builds everything and fills in the paths.");
    return 2;
}
