using System.Globalization;
using PromptGuard.Evasion;

namespace PromptGuard.Cli.Evaluation;

/// <summary>
/// Re-screens every flagged block row after each disguise of <see cref="EvasionGenerator"/>: a disguise works when the
/// disguised request is no longer flagged.
/// </summary>
internal sealed record EvasionEvaluation(IReadOnlyDictionary<EvasionKind, (int Applied, int StillFlagged)> ByKind, IReadOnlyList<(EvasionKind Kind, string Id, string Prompt)> Escapes)
{
    /// <summary>Words that 👙 stands for, in the languages of the packs.</summary>
    public static readonly IReadOnlySet<string> BikiniWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "bikini", "bikinis", "biquini", "biquíni", "bikiny", "bikinit", "бикини", "бікіні", "ビキニ", "比基尼", "비키니",
    };

    public static EvasionEvaluation Run(IPromptScreener screener, IEnumerable<EvaluationRow> rows)
    {
        var counts = Enum.GetValues<EvasionKind>().ToDictionary(k => k, _ => (Applied: 0, StillFlagged: 0));
        var escapes = new List<(EvasionKind, string, string)>();
        foreach (var row in rows.Where(r => r.ShouldFlag && r.Flagged))
        {
            var clean = screener.Screen(new ScreeningRequest(row.Prompt) { HasSourceImage = row.HasImage });
            var triggers = clean.Reasons.Where(r => r.Source == ReasonSource.Rule).Select(r => r.Span).ToList();
            foreach (var kind in Enum.GetValues<EvasionKind>())
            {
                var disguised = EvasionGenerator.Apply(row.Prompt, kind, triggers, BikiniWords);
                if (disguised is null)
                {
                    continue;
                }

                var flagged = screener.Screen(new ScreeningRequest(disguised) { HasSourceImage = row.HasImage }).IsFlagged;
                var (applied, still) = counts[kind];
                counts[kind] = (applied + 1, still + (flagged ? 1 : 0));
                if (!flagged)
                {
                    escapes.Add((kind, row.Id, disguised));
                }
            }
        }

        return new EvasionEvaluation(counts, escapes);
    }

    public int Applied => ByKind.Values.Sum(v => v.Applied);

    public int StillFlagged => ByKind.Values.Sum(v => v.StillFlagged);

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"-- evasions: {StillFlagged}/{Applied} disguised block requests still flagged");
        foreach (var (kind, (applied, still)) in ByKind)
        {
            var rate = applied == 0 ? "-" : ((double)still / applied).ToString("0.000", CultureInfo.InvariantCulture);
            output.WriteLine($"{kind,-22} {applied,5} {rate,8}");
        }

        foreach (var (kind, id, prompt) in Escapes)
        {
            output.WriteLine($"  escaped by {kind}: {id}: {prompt}");
        }
    }
}
