using BenchmarkDotNet.Attributes;

namespace PromptGuard.Benchmarks;

/// <summary>Long adversarial prompts: the cost must grow linearly with length (no backtracking anywhere).</summary>
[MemoryDiagnoser]
public class LongPromptBenchmarks
{
    private PromptScreener _screener = null!;
    private ScreeningRequest _request = null!;

    [Params(Datasets.Adversarial10K, Datasets.Adversarial1M)]
    public string Dataset { get; set; } = Datasets.Adversarial10K;

    [GlobalSetup]
    public void Setup()
    {
        _screener = PromptScreener.CreateDefault();
        _request = Datasets.Get(Dataset)[0];
    }

    [Benchmark]
    public Verdict Screen() => _screener.Screen(_request).Verdict;
}
