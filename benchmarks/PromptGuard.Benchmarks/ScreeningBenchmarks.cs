using BenchmarkDotNet.Attributes;

namespace PromptGuard.Benchmarks;

/// <summary>Cost of one screening, per dataset and per detector set. The screener is built once.</summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private PromptScreener _screener = null!;
    private ScreeningRequest[] _requests = [];
    private int _next;

    [Params(Datasets.Benign, Datasets.Flagged, Datasets.Mixed, Datasets.Multilingual)]
    public string Dataset { get; set; } = Datasets.Mixed;

    [Params(Detectors.Rules, Detectors.Classifier, Detectors.All)]
    public Detectors Detectors { get; set; } = Detectors.All;

    [GlobalSetup]
    public void Setup()
    {
        _screener = PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { Detectors = Detectors }).Build();
        _requests = Datasets.Get(Dataset);
        foreach (var request in _requests)
        {
            _screener.Screen(request);
        }
    }

    /// <summary>One prompt per call, cycling through the dataset (so the figure is the mean over its prompts).</summary>
    [Benchmark]
    public Verdict Screen()
    {
        var request = _requests[_next];
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        return _screener.Screen(request).Verdict;
    }
}
