using System.Reflection;

namespace PromptGuard.Rules;

/// <summary>Where rule files come from: a directory on disk or the resources embedded in this assembly.</summary>
internal abstract class RuleSource
{
    public abstract string Description { get; }

    /// <summary>Every file of the pack as (path relative to the root with '/' separators, content).</summary>
    public abstract IEnumerable<(string Path, string Content)> ReadFiles();

    public static RuleSource Embedded { get; } = new EmbeddedRuleSource();

    public static RuleSource FromDirectory(string directory) => new DirectoryRuleSource(directory);

    private sealed class DirectoryRuleSource(string directory) : RuleSource
    {
        public override string Description => directory;

        public override IEnumerable<(string Path, string Content)> ReadFiles()
        {
            if (!Directory.Exists(directory))
            {
                throw new RulePackException([new RuleProblem(directory, null, "$", "The rules directory does not exist.")]);
            }

            var root = Path.GetFullPath(directory);
            var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
                    || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                yield return (relative, File.ReadAllText(file));
            }
        }
    }

    private sealed class EmbeddedRuleSource : RuleSource
    {
        private const string Prefix = "PromptGuard.rules/";

        public override string Description => "embedded default rules";

        public override IEnumerable<(string Path, string Content)> ReadFiles()
        {
            var assembly = typeof(RuleSource).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                yield return (name[Prefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
            }
        }
    }
}
