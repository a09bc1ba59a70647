using PromptGuard.Rules;

// Usage: PromptGuard.RulesCompiler <rules directory> <snapshot file>
// A broken rule file fails the build here, with every problem in MSBuild's error format (file: error code: message).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: PromptGuard.RulesCompiler <rules directory> <snapshot file>");
    return 2;
}

var source = RuleSource.FromDirectory(args[0]);
RulePack pack;
try
{
    pack = RulePackLoader.Load(source, [], useSnapshot: false);
}
catch (RulePackException ex)
{
    foreach (var problem in ex.Problems)
    {
        Console.Error.WriteLine($"{Path.Combine(args[0], problem.File)}: error PGRULES: {problem.Path}{(problem.RuleId is null ? string.Empty : $" (rule {problem.RuleId})")}: {problem.Message}");
    }

    return 1;
}

var output = Path.GetFullPath(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var temporary = output + ".tmp";
using (var stream = File.Create(temporary))
{
    RulePackSnapshot.Write(pack, source.Fingerprint(), stream);
}

File.Move(temporary, output, overwrite: true);
Console.WriteLine($"PromptGuard.RulesCompiler: {pack.TermCount} terms, {pack.RuleCount} rules, {pack.Automaton.NodeCount} automaton nodes -> {output} ({new FileInfo(output).Length / 1024} KB)");
return 0;
