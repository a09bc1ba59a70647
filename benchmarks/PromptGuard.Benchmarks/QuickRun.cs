using System.Diagnostics;
using System.Globalization;

namespace PromptGuard.Benchmarks;

/// <summary>
/// Percentiles per prompt, which BenchmarkDotNet does not give for a dataset of different prompts: each prompt is
/// screened many times and its median taken, then the distribution over prompts is reported.
/// </summary>
public static class QuickRun
{
    public static void Run(string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        var screener = PromptScreener.CreateBuilder().Build();
        var construction = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"construction (cold, includes JIT): {construction.TotalMilliseconds:0.0} ms"));
        foreach (var detectors in new[] { Detectors.Rules, Detectors.Classifier, Detectors.All })
        {
            var s = PromptScreener.CreateBuilder().WithOptions(new PromptScreenerOptions { Detectors = detectors }).Build();
            foreach (var dataset in new[] { Datasets.Benign, Datasets.Flagged, Datasets.Multilingual })
            {
                var requests = Datasets.Get(dataset);
                var perPrompt = new List<double>(requests.Length);
                foreach (var request in requests)
                {
                    s.Screen(request);
                }

                foreach (var request in requests)
                {
                    var samples = new double[15];
                    for (var k = 0; k < samples.Length; k++)
                    {
                        var t = Stopwatch.GetTimestamp();
                        s.Screen(request);
                        samples[k] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                    }

                    Array.Sort(samples);
                    perPrompt.Add(samples[samples.Length / 2]);
                }

                perPrompt.Sort();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                foreach (var request in requests)
                {
                    s.Screen(request);
                }

                var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)requests.Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{detectors,-10} {dataset,-14} n={requests.Length,5} p50 {perPrompt[perPrompt.Count / 2],7:0.00} us  p99 {perPrompt[(int)(perPrompt.Count * 0.99)],7:0.00} us  mean alloc {bytes,8:0} B"));
            }
        }

        foreach (var length in new[] { 10 * 1024, 1024 * 1024 })
        {
            var request = Datasets.Adversarial(length);
            screener.Screen(request);
            var t = Stopwatch.GetTimestamp();
            var verdict = screener.Screen(request).Verdict;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"adversarial {length / 1024} KB: {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0.00} ms ({verdict})"));
        }
    }
}
