namespace PromptGuard.Cli.Tests;

/// <summary>Finds the repository's folders from the test binaries, so tests read the real rules and corpora.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptGuard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PromptGuard.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Rules => Path.Combine(Root, "rules");

    public static string Data => Path.Combine(Root, "data");

    /// <summary>The read-only public data sets beside the repository (absent on a machine without them).</summary>
    public static string? SharedExternal
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "eval", "external"));
            return Directory.Exists(path) ? path : null;
        }
    }
}
