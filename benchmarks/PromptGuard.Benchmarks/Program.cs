using System.Diagnostics;
using BenchmarkDotNet.Running;
using PromptGuard;
using PromptGuard.Benchmarks;

// "quick": a fast stopwatch pass (median and p99 per prompt, cold start) for a first look; otherwise BenchmarkDotNet.
if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningBenchmarks).Assembly).Run(args);
