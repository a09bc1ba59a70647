namespace PromptGuard.Testing;

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

    /// <summary>Copies the shipped rule files into <paramref name="directory"/>, for tests that edit rules on disk.</summary>
    public static void CopyRulesTo(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
