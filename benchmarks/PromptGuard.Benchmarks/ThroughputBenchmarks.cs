using BenchmarkDotNet.Attributes;

namespace PromptGuard.Benchmarks;

/// <summary>Prompts per second on one and on two threads over the mixed dataset (one operation = the whole dataset).</summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private PromptScreener _screener = null!;
    private ScreeningRequest[] _requests = [];

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _screener = PromptScreener.CreateDefault();
        _requests = Datasets.Get(Datasets.Multilingual);
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public int ScreenDataset()
    {
        var flagged = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var local = 0;
            for (var i = t; i < _requests.Length; i += Threads)
            {
                local += _screener.Screen(_requests[i]).IsFlagged ? 1 : 0;
            }

            Interlocked.Add(ref flagged, local);
        });
        return flagged;
    }
}
