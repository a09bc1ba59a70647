using System.Diagnostics;
using BenchmarkDotNet.Running;
using PromptGuard;
using PromptGuard.Benchmarks;

// "quick": a fast stopwatch pass (median and p99 per prompt, cold start) for a first look; otherwise BenchmarkDotNet.
if (args.Length == 3 && args[0] == "write-adversarial")
{
    // The long adversarial prompt as a file, for the end-to-end `promptguard check - < file` measurement.
    File.WriteAllText(args[1], Datasets.Adversarial(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)).Prompt);
    return;
}

if (args.Length == 2 && args[0] == "cold-long")
{
    // A long prompt in a fresh process: what `promptguard check - < file` pays beyond start-up, screened three times.
    var text = File.ReadAllText(args[1]);
    var started = Stopwatch.GetTimestamp();
    var guard = PromptScreener.CreateDefault();
    Console.WriteLine($"screener {Stopwatch.GetElapsedTime(started).TotalMilliseconds,6:0} ms");
    for (var round = 1; round <= 3; round++)
    {
        started = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var verdict = guard.Screen(new ScreeningRequest(text)).Verdict;
        Console.WriteLine($"screening {round} ({text.Length} chars, {verdict}) {Stopwatch.GetElapsedTime(started).TotalMilliseconds,6:0} ms, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:0.0} MB allocated, peak working set {Environment.WorkingSet / 1048576.0:0} MB");
    }

    // The main stages of a warm screening, with what each allocates: where the time of a long prompt goes.
    var n = PromptGuard.Normalization.TextNormalizer.Instance.Normalize(text);
    var a0 = GC.GetAllocatedBytesForCurrentThread();
    var s0 = Stopwatch.GetTimestamp();
    n = PromptGuard.Normalization.TextNormalizer.Instance.Normalize(text);
    Console.WriteLine($"  normalize {Stopwatch.GetElapsedTime(s0).TotalMilliseconds,6:0} ms, {(GC.GetAllocatedBytesForCurrentThread() - a0) / 1048576.0:0.0} MB allocated ({n.Steps})");
    var hits = new List<PromptGuard.Rules.ConceptHit>();
    s0 = Stopwatch.GetTimestamp();
    guard.RulePack.Automaton.FindAll(n.Text, n.Runs, n.Joined, hits);
    Console.WriteLine($"  automaton {Stopwatch.GetElapsedTime(s0).TotalMilliseconds,6:0} ms, {hits.Count} hits");
    hits.Clear();
    s0 = Stopwatch.GetTimestamp();
    guard.RulePack.Fuzzy.FindAll(n.Text, hits);
    Console.WriteLine($"  misspellings {Stopwatch.GetElapsedTime(s0).TotalMilliseconds,3:0} ms, {hits.Count} hits");
    return;
}

if (args.Length == 3 && args[0] == "loop")
{
    // One stage in a loop for a profiler (perf record): "normalize", "automaton" or "screen" over a JSON Lines file.
    var prompts = Datasets.FromJsonLines(args[2]).Select(request => request.Prompt).Distinct().ToArray();
    var guard = PromptScreener.CreateDefault();
    var normalizedTexts = prompts.Select(p => PromptGuard.Normalization.TextNormalizer.Instance.Normalize(p)).ToArray();
    var found = new List<PromptGuard.Rules.ConceptHit>();
    var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 8);
    while (Stopwatch.GetTimestamp() < until)
    {
        for (var i = 0; i < prompts.Length; i++)
        {
            switch (args[1])
            {
                case "normalize": PromptGuard.Normalization.TextNormalizer.Instance.Normalize(prompts[i]); break;
                case "automaton": found.Clear(); guard.RulePack.Automaton.FindAll(normalizedTexts[i].Text, normalizedTexts[i].Runs, normalizedTexts[i].Joined, found); break;
                default: guard.Screen(new ScreeningRequest(prompts[i]) { HasSourceImage = true }); break;
            }
        }
    }

    return;
}

if (args.Length > 0 && args[0] == "prefilter")
{
    // The strings each pattern rule requires (the pattern runs only on texts that hold one of them).
    foreach (var rule in PromptGuard.Rules.RulePack.LoadDefault().PatternRules)
    {
        var required = PromptGuard.Rules.RequiredLiterals.Of(rule.PatternText!);
        Console.WriteLine($"{rule.Id,-16} {(required is null ? "(always runs)" : $"{required.Count}: " + string.Join(" | ", required.Take(8)))}");
    }

    return;
}

if (args.Length > 0 && args[0] == "phases")
{
    // Cold-start phases in a fresh process: what a first `promptguard check` pays for, step by step.
    var t = Stopwatch.GetTimestamp();
    void Phase(string name)
    {
        Console.WriteLine($"{name,-52} {Stopwatch.GetElapsedTime(t).TotalMilliseconds,6:0} ms");
        t = Stopwatch.GetTimestamp();
    }

    var pack = PromptGuard.Rules.RulePack.LoadDefault();
    Phase($"rules from the embedded snapshot ({pack.TermCount} terms)");
    PromptGuard.Rules.RulePackLoader.Load(PromptGuard.Rules.RuleSource.Embedded, [], useSnapshot: false);
    Phase("rules compiled from the embedded files (JIT warm)");
    PromptGuard.Classification.ClassifierModel.LoadEmbedded();
    Phase("classifier model");
    foreach (var rule in pack.PatternRules)
    {
        _ = rule.Pattern;
    }

    Phase($"{pack.PatternRules.Count} pattern regexes, all at once (each is built when first needed)");
    var screener = PromptScreener.CreateDefault();
    Phase("default screener (rules and model again, warm)");
    screener.Screen(new ScreeningRequest("@grok mets-lui un bikini") { HasSourceImage = true });
    Phase("first screening (a Block)");
    screener.Screen(new ScreeningRequest("make her smile") { HasSourceImage = true });
    Phase("first Allow of a photo edit (misspelling index from the snapshot)");
    screener.Screen(new ScreeningRequest("make him smile") { HasSourceImage = true });
    Phase("next screening");

    // What a screener keeps alive: the heap with one screener minus the heap with none (after full collections).
    screener = null!;
    pack = null!;
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var kept = PromptScreener.CreateBuilder().Build();
    kept.Screen(new ScreeningRequest("make her smile") { HasSourceImage = true });
    kept.Screen(new ScreeningRequest("@grok mets-lui un bikini") { HasSourceImage = true });
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var after = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"{"engine memory (managed heap kept by one screener)",-52} {(after - before) / (1024.0 * 1024.0),6:0.0} MB");
    foreach (var rule in kept.RulePack.PatternRules)
    {
        rule.Pattern!.IsMatch("in der 7. klasse, 14 ans, 十四岁");
    }

    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    Console.WriteLine($"{"  ... once every pattern regex is built",-52} {(GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0),6:0.0} MB");
    GC.KeepAlive(kept);
    return;
}

if (args.Length > 0 && args[0] == "profile")
{
    // Steady-state cost of each stage over the 20-language set (after warm-up, so tier-1 code is measured).
    // A JSON Lines file of prompts (the rows `scan` reads) can replace the 20-language set: profile what a scan pays.
    var requests = args.Length > 1 ? Datasets.FromJsonLines(args[1]) : Datasets.Get(Datasets.Multilingual);
    var screener = PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { Detectors = Detectors.Rules }).Build();
    var pack = screener.RulePack;
    var texts = requests.Select(r => PromptGuard.Normalization.TextNormalizer.Instance.Normalize(r.Prompt)).ToArray();
    void Time(string name, Action<int> action)
    {
        // The fastest of several rounds: on a shared machine the slow rounds measure the neighbours, not the code.
        for (var w = 0; w < 3; w++) { for (var i = 0; i < requests.Length; i++) { action(i); } }
        var best = double.MaxValue;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 0; r < 7; r++)
        {
            var t = Stopwatch.GetTimestamp();
            for (var i = 0; i < requests.Length; i++) { action(i); }
            best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalMicroseconds / requests.Length);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (7.0 * requests.Length);
        Console.WriteLine($"{name,-14} {best,8:0.00} us/prompt {allocated,8:0} B/prompt");
    }

    Time("normalize", i => PromptGuard.Normalization.TextNormalizer.Instance.Normalize(requests[i].Prompt));
    var hits = new List<PromptGuard.Rules.ConceptHit>();
    Time("automaton", i => { hits.Clear(); pack.Automaton.FindAll(texts[i].Text, texts[i].Runs, texts[i].Joined, hits); });
    Time("fuzzy", i => { hits.Clear(); pack.Fuzzy.FindAll(texts[i].Text, hits); });
    Time("screen rules", i => screener.Screen(requests[i]));
    var all = PromptScreener.CreateDefault();
    Time("screen all", i => all.Screen(requests[i]));
    var model = PromptGuard.Classification.ClassifierModel.LoadEmbedded()!;
    var classifier = new PromptGuard.Classification.PromptClassifier(model);
    Time("classifier", i => classifier.Score(texts[i].Text, requests[i].HasSourceImage));
    var features = new PromptGuard.Classification.SparseFeatures();
    var charGrams = new PromptGuard.Classification.HashedFeaturizer(model.Featurizer.DimensionBits, null);
    Time("  char grams", i => charGrams.Featurize(texts[i].Text, requests[i].HasSourceImage, features));
    Time("  all features", i => model.Featurizer.Featurize(texts[i].Text, requests[i].HasSourceImage, features));
    var ids = new int[texts.Max(t => t.Text.Length)];
    Time("  subwords", i => model.Featurizer.Vocabulary!.Encode(texts[i].Text, ids));
    Time("  subwords lib", i => model.Featurizer.Vocabulary!.EncodeWithLibrary(texts[i].Text));
    var table = model.WeightTable!;
    var nonZero = 0;
    for (var f = 0; f < table.Length / 4; f++) { if (table[f * 4] != 0 || table[(f * 4) + 1] != 0 || table[(f * 4) + 2] != 0 || table[(f * 4) + 3] != 0) { nonZero++; } }
    Console.WriteLine($"weight rows: {table.Length / 4}, non-zero {nonZero}");
    Console.WriteLine($"mean prompt {requests.Average(r => r.Prompt.Length):0} chars, normalized {texts.Average(t => t.Text.Length):0}; {model.Featurizer.DimensionBits} feature bits");
    return;
}

if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
