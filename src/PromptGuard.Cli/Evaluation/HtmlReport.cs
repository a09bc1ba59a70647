using System.Globalization;
using System.Net;
using System.Text;

namespace PromptGuard.Cli.Evaluation;

/// <summary>A self-contained HTML page (no script, no network) with per-language bars, a confusion table and the misses.</summary>
internal static class HtmlReport
{
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>PromptGuard evaluation</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:1100px}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
            th{background:#f3f3f3}td.l,th.l{text-align:left}
            .bar{height:.8rem;display:inline-block;vertical-align:middle}.recall{background:#2e7d32}.fpr{background:#c62828}
            .track{width:240px;background:#eee;display:inline-block}.gate{color:#555;font-size:.85rem}
            .miss td{text-align:left;font-size:.85rem}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>PromptGuard evaluation</h1><p>Rules {Encode(report.RulePackVersion)} &middot; {report.Overall.Rows} rows &middot; recall {Rate(report.Overall.Recall)}, false-positive rate {Rate(report.Overall.FalsePositiveRate)}, precision {Rate(report.Overall.Precision)}</p>");

        html.Append("<h2>Per language</h2><table><tr><th class=l>language</th><th>rows</th><th class=l>recall (block rows flagged)</th><th class=l>false-positive rate (allow rows flagged)</th></tr>");
        foreach (var (language, metrics) in report.ByLanguage)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=l>{Encode(language)}</td><td>{metrics.Rows}</td><td class=l>{Bar("recall", metrics.Recall)} {Rate(metrics.Recall)}</td><td class=l>{Bar("fpr", metrics.FalsePositiveRate)} {Rate(metrics.FalsePositiveRate)}</td></tr>");
        }

        html.Append("</table>");
        html.Append("<h2>Per kind</h2><table><tr><th class=l>kind</th><th>rows</th><th>recall</th><th>FPR</th><th>precision</th></tr>");
        foreach (var (kind, metrics) in report.ByKind)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=l>{Encode(kind)}</td><td>{metrics.Rows}</td><td>{Rate(metrics.Recall)}</td><td>{Rate(metrics.FalsePositiveRate)}</td><td>{Rate(metrics.Precision)}</td></tr>");
        }

        html.Append("</table>");
        html.Append("<h2>Confusion table</h2><table><tr><th class=l>label \\ verdict</th><th>block</th><th>review</th><th>allow</th></tr>");
        foreach (var label in new[] { "block", "allow" })
        {
            var rows = report.Rows.Where(r => r.Label == label).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<tr><th class=l>{label}</th><td>{rows.Count(r => r.Verdict == Verdict.Block)}</td><td>{rows.Count(r => r.Verdict == Verdict.Review)}</td><td>{rows.Count(r => r.Verdict == Verdict.Allow)}</td></tr>");
        }

        html.Append("</table>");
        var misses = report.Misses.ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>Misses ({misses.Count})</h2><table class=miss><tr><th class=l>id</th><th class=l>lang</th><th class=l>kind</th><th class=l>label</th><th class=l>verdict</th><th class=l>rules</th><th class=l>prompt</th></tr>");
        foreach (var row in misses)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(row.Id)}</td><td>{Encode(row.Language)}</td><td>{Encode(row.Kind)}</td><td>{row.Label}</td><td>{Output.ResultJson.VerdictName(row.Verdict)}</td><td>{Encode(string.Join(", ", row.Rules))}</td><td>{Encode(row.Prompt)}</td></tr>");
        }

        html.Append("</table><p class=gate>Flagged = Review or Block (POLICY.md). Generated offline by promptguard eval --html.</p></body></html>\n");
        return html.ToString();
    }

    private static string Bar(string kind, double value)
    {
        var width = double.IsNaN(value) ? 0 : Math.Round(240 * Math.Clamp(value, 0, 1));
        return string.Create(CultureInfo.InvariantCulture, $"<span class=track><span class=\"bar {kind}\" style=\"width:{width}px\"></span></span>");
    }

    private static string Rate(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
