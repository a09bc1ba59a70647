using System.CommandLine;
using PromptGuard.Rules;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard rules test [DIR]</c> and <c>promptguard rules lint [DIR]</c>.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("rules", "Work on rule packs: run their examples, report their problems.");
        command.Subcommands.Add(CreateTest(output, error));
        command.Subcommands.Add(CreateLint(output));
        return command;
    }

    private static Argument<string?> Directory() => new("dir") { Description = "Rule pack directory (default: the embedded rules).", Arity = ArgumentArity.ZeroOrOne };

    private static Command CreateTest(TextWriter output, TextWriter error)
    {
        var dir = Directory();
        var command = new Command("test", "Run every rule's examples: \"match\" examples must fire the rule, \"noMatch\" ones must not. Exit 1 when one fails.") { dir };
        command.SetAction(parse =>
        {
            RulePack pack;
            try
            {
                var path = parse.GetValue(dir);
                pack = path is null ? RulePack.LoadDefault() : RulePack.Load(path);
            }
            catch (RulePackException ex)
            {
                error.WriteLine("promptguard: the rule pack cannot be loaded.");
                foreach (var problem in ex.Problems)
                {
                    error.WriteLine("  " + problem);
                }

                return ExitCodes.UsageError;
            }

            var results = pack.RunExamples();
            var failed = results.Where(r => !r.Passed).ToList();
            foreach (var failure in failed)
            {
                output.WriteLine($"FAIL {failure.RuleId} ({failure.File}): should {(failure.ShouldMatch ? string.Empty : "not ")}match \"{failure.Example}\"");
            }

            output.WriteLine($"{results.Count - failed.Count} passed, {failed.Count} failed ({pack.RuleCount} rules, {pack.TermCount} terms, {pack.Languages.Count} languages, version {pack.Version})");
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Flagged;
        });
        return command;
    }

    private static Command CreateLint(TextWriter output)
    {
        var dir = Directory();
        var command = new Command("lint", "Report every problem in the rule files (file, rule id, JSON path). Exit 2 when there is one.") { dir };
        command.SetAction(parse =>
        {
            var problems = RulePack.Lint(parse.GetValue(dir));
            foreach (var problem in problems)
            {
                output.WriteLine(problem.ToString());
            }

            output.WriteLine(problems.Count == 0 ? "no problems" : $"{problems.Count} problem(s)");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.UsageError;
        });
        return command;
    }
}
