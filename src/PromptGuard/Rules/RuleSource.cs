using System.Security.Cryptography;
using System.Text;

namespace PromptGuard.Rules;

/// <summary>Where rule files come from: a directory on disk or the resources embedded in this assembly.</summary>
internal abstract class RuleSource
{
    public abstract string Description { get; }

    /// <summary>Every file of the pack as (path relative to the root with '/' separators, content).</summary>
    public abstract IEnumerable<(string Path, string Content)> ReadFiles();

    /// <summary>Every file of the pack as (path, raw bytes), in the same order as <see cref="ReadFiles"/>.</summary>
    protected abstract IEnumerable<(string Path, byte[] Bytes)> ReadRawFiles();

    /// <summary>
    /// SHA-256 over every file's path and exact bytes: a compiled snapshot of the pack is used only when its
    /// fingerprint equals the files', so an edit can never be hidden by a stale snapshot.
    /// </summary>
    public virtual string Fingerprint() => ComputeFingerprint();

    protected string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in ReadRawFiles())
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static RuleSource Embedded { get; } = new EmbeddedRuleSource();

    /// <summary>Whether these are the rules embedded in this assembly (which may have a compiled snapshot).</summary>
    public virtual bool IsEmbedded => false;

    public static RuleSource FromDirectory(string directory) => new DirectoryRuleSource(directory);

    private sealed class DirectoryRuleSource(string directory) : RuleSource
    {
        public override string Description => directory;

        public override IEnumerable<(string Path, string Content)> ReadFiles()
        {
            foreach (var (relative, file) in Files())
            {
                yield return (relative, File.ReadAllText(file));
            }
        }

        protected override IEnumerable<(string Path, byte[] Bytes)> ReadRawFiles()
        {
            foreach (var (relative, file) in Files())
            {
                yield return (relative, File.ReadAllBytes(file));
            }
        }

        private IEnumerable<(string Relative, string File)> Files()
        {
            if (!Directory.Exists(directory))
            {
                throw new RulePackException([new RuleProblem(directory, null, "$", "The rules directory does not exist.")]);
            }

            var root = Path.GetFullPath(directory);
            return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .Where(f => (f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
                    || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), f))
                .OrderBy(f => f.Item1, StringComparer.Ordinal);
        }
    }

    private sealed class EmbeddedRuleSource : RuleSource
    {
        private const string Prefix = "PromptGuard.rules/";

        public override string Description => "embedded default rules";

        public override bool IsEmbedded => true;

        // The resources cannot change while the process runs: hash them once, not on every screener built.
        private readonly Lazy<string> _fingerprint;

        public EmbeddedRuleSource() => _fingerprint = new Lazy<string>(ComputeFingerprint);

        public override string Fingerprint() => _fingerprint.Value;

        public override IEnumerable<(string Path, string Content)> ReadFiles()
        {
            var assembly = typeof(RuleSource).Assembly;
            foreach (var name in ResourceNames())
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                yield return (name[Prefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
            }
        }

        protected override IEnumerable<(string Path, byte[] Bytes)> ReadRawFiles()
        {
            var assembly = typeof(RuleSource).Assembly;
            foreach (var name in ResourceNames())
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                yield return (name[Prefix.Length..].Replace('\\', '/'), bytes);
            }
        }

        private static IEnumerable<string> ResourceNames() =>
            typeof(RuleSource).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
    }
}
