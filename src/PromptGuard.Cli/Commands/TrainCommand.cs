using System.CommandLine;
using System.Globalization;
using PromptGuard.Training;

namespace PromptGuard.Cli.Commands;

/// <summary><c>promptguard train --data data/ --out model.zip [--install DIR]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "Data directory with train/{train,validation,test}.jsonl and dev/tune/*.jsonl.", DefaultValueFactory = _ => "data", HelpName = "DIR" };
        var outPath = new Option<string>("--out") { Description = "Where to write model.zip (the ML.NET models, classifier.bin, vocab.txt and metrics.json go beside it too).", DefaultValueFactory = _ => "artifacts/model/model.zip", HelpName = "model.zip" };
        var install = new Option<string?>("--install") { Description = "Also copy classifier.bin and vocab.txt into this directory (src/PromptGuard/Classification/Model to ship them).", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same data and seed give the same model).", DefaultValueFactory = _ => 1 };
        var command = new Command("train", "Train the classifier with ML.NET, compare linear and tree models per signal, and export the weights the library ships.") { data, outPath, install, seed };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            TrainingResult result;
            try
            {
                if (File.Exists(target))
                {
                    File.Delete(target);
                }

                result = new ClassifierTrainer(output).Train(parse.GetValue(data)!, target, parse.GetValue(seed));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                error.WriteLine("promptguard: " + ex.Message);
                return ExitCodes.UsageError;
            }

            output.WriteLine($"{"head",-11} {"trainer",-28} {"split",-10} {"rows",6} {"AUC",7} {"recall",7} {"FPR",7} {"Brier",7}");
            foreach (var m in result.Metrics)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Head,-11} {m.Trainer,-28} {m.Split,-10} {m.Rows,6} {m.Auc,7:0.000} {m.Recall,7:0.000} {m.FalsePositiveRate,7:0.000} {m.BrierScore,7:0.000}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {result.Version} sha256 {result.Sha256}; fast path vs ML.NET max |dp| = {result.MaxFastPathDifference:E2}"));
            if (parse.GetValue(install) is { } directory)
            {
                var source = Path.GetDirectoryName(Path.GetFullPath(target))!;
                Directory.CreateDirectory(directory);
                File.Copy(Path.Combine(source, "classifier.bin"), Path.Combine(directory, "classifier.bin"), overwrite: true);
                File.Copy(Path.Combine(source, "vocab.txt"), Path.Combine(directory, "vocab.txt"), overwrite: true);
                File.Copy(Path.Combine(source, "metrics.json"), Path.Combine(directory, "metrics.json"), overwrite: true);
                output.WriteLine($"installed into {directory}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
