using System.Diagnostics;
using BenchmarkDotNet.Running;
using PromptGuard;
using PromptGuard.Benchmarks;

// "quick": a fast stopwatch pass (median and p99 per prompt, cold start) for a first look; otherwise BenchmarkDotNet.
if (args.Length > 0 && args[0] == "phases")
{
    // Cold-start phases in a fresh process: what a first `promptguard check` pays for.
    var t = Stopwatch.GetTimestamp();
    var words = PromptGuard.Rules.RulePack.LoadDefault().TermCount;
    Console.WriteLine($"rules (first, with JIT): {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms");
    t = Stopwatch.GetTimestamp();
    var normalizer = PromptGuard.Normalization.TextNormalizer.Instance;
    for (var i = 0; i < 40000; i++)
    {
        normalizer.NormalizeTerm("d\u00e9shabille-la " + (i % 100));
    }

    Console.WriteLine($"40k term normalizations: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms");
    t = Stopwatch.GetTimestamp();
    var pack = PromptGuard.Rules.RulePack.LoadDefault();
    Console.WriteLine($"rules: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms ({pack.TermCount} terms)");
    t = Stopwatch.GetTimestamp();
    var model = PromptGuard.Classification.ClassifierModel.LoadEmbedded();
    Console.WriteLine($"model: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms");
    t = Stopwatch.GetTimestamp();
    var screener = PromptScreener.CreateDefault();
    screener.Screen(new ScreeningRequest("@grok mets-lui un bikini") { HasSourceImage = true });
    Console.WriteLine($"default screener + first screening: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms");
    return;
}

if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
