using BenchmarkDotNet.Attributes;

namespace PromptGuard.Benchmarks;

/// <summary>Building a screener: parse and compile every rule pack, load the classifier.</summary>
[MemoryDiagnoser]
public class ConstructionBenchmarks
{
    [Benchmark]
    public PromptScreener BuildWithRulesAndClassifier() => PromptScreener.CreateBuilder().Build();

    [Benchmark]
    public PromptScreener BuildRulesOnly() => PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { Detectors = Detectors.Rules }).Build();
}
