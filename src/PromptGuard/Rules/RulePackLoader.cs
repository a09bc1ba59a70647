using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptGuard.Normalization;

namespace PromptGuard.Rules;

/// <summary>Parses, validates and compiles rule files. Reports every problem at once.</summary>
internal static partial class RulePackLoader
{
    /// <summary>The concept the bundled name lists and host-protected names feed.</summary>
    public const string NamedPersonConcept = "person.named";

    /// <summary>The concept fed with the distinctive surnames of the listed people.</summary>
    public const string SurnameConcept = "person.surname";

    private const string NamesFolder = "names/";
    private const string SurnameStoplist = "surname-stoplist.txt";

    private static readonly AsyncLocal<System.Collections.Concurrent.ConcurrentDictionary<string, NormalizedText>?> s_termCache = new();

    private static readonly JsonSerializerOptions s_json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNameCaseInsensitive = true,
    };

    /// <param name="source">Where the rule files come from.</param>
    /// <param name="extraNames">Host-protected names, compiled in as named people.</param>
    /// <param name="useSnapshot">For the embedded rules without extra names, restore the snapshot the build compiled.</param>
    public static RulePack Load(RuleSource source, IReadOnlyList<string> extraNames, bool useSnapshot = true)
    {
        if (useSnapshot && source.IsEmbedded && extraNames.Count == 0 && RulePackSnapshot.TryReadEmbedded(source.Fingerprint()) is { } snapshot)
        {
            return snapshot;
        }

        var problems = new List<RuleProblem>();
        List<(string Path, string Content)> files;
        try
        {
            files = source.ReadFiles().ToList();
        }
        catch (IOException ex)
        {
            throw new RulePackException([new RuleProblem(source.Description, null, "$", "Cannot read the rule files: " + ex.Message)]);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new RulePackException([new RuleProblem(source.Description, null, "$", "Cannot read the rule files: " + ex.Message)]);
        }

        var manifest = new PackManifest { Name = "custom", Version = "0.0.0" };
        var parsed = new List<(string Path, RulePackFile File)>();
        var nameLists = new List<(string Path, string Content)>();
        foreach (var (path, content) in files)
        {
            if (path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            {
                if (path.StartsWith(NamesFolder, StringComparison.Ordinal))
                {
                    nameLists.Add((path, content));
                }

                continue;
            }

            try
            {
                if (string.Equals(path, "pack.json", StringComparison.Ordinal))
                {
                    manifest = JsonSerializer.Deserialize<PackManifest>(content, s_json) ?? manifest;
                    continue;
                }

                var file = JsonSerializer.Deserialize<RulePackFile>(content, s_json);
                if (file is null)
                {
                    problems.Add(new RuleProblem(path, null, "$", "The file is empty (null)."));
                    continue;
                }

                parsed.Add((path, file));
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
                problems.Add(new RuleProblem(path, null, ex.Path ?? "$", "Invalid JSON" + where + ": " + FirstSentence(ex.Message)));
            }
        }

        if (parsed.Count == 0 && problems.Count == 0)
        {
            problems.Add(new RuleProblem(source.Description, null, "$", "No rule files (*.json) were found."));
        }

        var conceptIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var conceptNames = new List<string>();
        int ConceptId(string name)
        {
            if (!conceptIds.TryGetValue(name, out var id))
            {
                id = conceptNames.Count;
                conceptIds[name] = id;
                conceptNames.Add(name);
            }

            return id;
        }

        // Normalizing tens of thousands of terms is most of the load time: do it once per distinct term, on every core.
        var distinct = parsed.SelectMany(p => p.File.Lexicon ?? []).SelectMany(l => l.Value ?? []).Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t.Trim().Trim('*')).Distinct(StringComparer.Ordinal).ToArray();
        var normalizedTerms = new System.Collections.Concurrent.ConcurrentDictionary<string, NormalizedText>(StringComparer.Ordinal);
        Parallel.ForEach(distinct, term => normalizedTerms[term] = TextNormalizer.Instance.Normalize(term));
        s_termCache.Value = normalizedTerms;

        var terms = new List<LexiconTerm>();
        var languages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, file) in parsed)
        {
            var language = file.Language;
            if (string.IsNullOrWhiteSpace(language))
            {
                problems.Add(new RuleProblem(path, null, "$.language", "Missing \"language\" (a BCP 47 code such as \"fr\", or \"und\" for language-neutral files)."));
                language = "und";
            }
            else if (!string.Equals(language, "und", StringComparison.Ordinal))
            {
                languages.Add(language);
            }

            foreach (var (concept, entries) in file.Lexicon ?? [])
            {
                var conceptPath = $"$.lexicon['{concept}']";
                if (!ConceptNamePattern().IsMatch(concept))
                {
                    problems.Add(new RuleProblem(path, null, conceptPath, $"Concept name '{concept}' must be lower-case words separated by dots (for example \"clothing.revealing\")."));
                }

                var id = ConceptId(concept);
                for (var i = 0; i < (entries?.Count ?? 0); i++)
                {
                    var entry = entries![i];
                    if (!TryCompileTerm(entry, id, language, out var term, out var error))
                    {
                        problems.Add(new RuleProblem(path, null, $"{conceptPath}[{i}]", error));
                        continue;
                    }

                    terms.Add(term);
                }
            }
        }

        var namedPerson = ConceptId(NamedPersonConcept);
        var surname = ConceptId(SurnameConcept);
        var stoplist = nameLists.Where(n => n.Path.EndsWith(SurnameStoplist, StringComparison.Ordinal))
            .SelectMany(n => ReadNameList(n.Content)).Select(w => TextNormalizer.Instance.NormalizeTerm(w)).ToHashSet(StringComparer.Ordinal);
        var lexiconWords = terms.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, content) in nameLists.Where(n => !n.Path.EndsWith(SurnameStoplist, StringComparison.Ordinal)))
        {
            foreach (var name in ReadNameList(content))
            {
                // A distinctive surname alone ("putin", "kardashian") names the person too; ordinary words never do.
                var parts = TextNormalizer.Instance.NormalizeTerm(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[^1].Length >= 5 && parts[^1].All(char.IsLetter) && parts[^1].All(c => c < 0x250)
                    && !stoplist.Contains(parts[^1]) && !lexiconWords.Contains(parts[^1]) && surnames.Add(parts[^1]))
                {
                    terms.Add(new LexiconTerm(parts[^1], surname, "und", TermMatchMode.Word));
                }

                // Names in scripts without spaces (李娜, 전지현) are short; Latin names need two real words.
                var text = TextNormalizer.Instance.NormalizeTerm(name);
                if (text.Length >= 4 || (text.Length >= 2 && text.All(c => IsNoSpaceScript(c) || IsHangul(c))))
                {
                    // Names in Han or kana are followed by particles with no space (橋本環奈の), in Hangul by attached particles.
                    var mode = text.Any(IsNoSpaceScript) ? TermMatchMode.Infix : text.Any(IsHangul) ? TermMatchMode.Prefix : TermMatchMode.Word;
                    terms.Add(new LexiconTerm(text, namedPerson, "und", mode));
                }
            }
        }

        // Host-protected names: shorter ones are accepted because the host chose them deliberately.
        foreach (var name in extraNames)
        {
            var text = TextNormalizer.Instance.NormalizeTerm(name);
            if (text.Length >= 2)
            {
                terms.Add(new LexiconTerm(text, namedPerson, "und", TermMatchMode.Word));
            }
        }

        var rules = new List<CompiledRule>();
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, file) in parsed)
        {
            for (var i = 0; i < (file.Rules?.Count ?? 0); i++)
            {
                var rule = CompileRule(file.Rules![i], path, file.Language ?? "und", $"$.rules[{i}]", conceptIds, seenIds, problems);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
        }

        s_termCache.Value = null;
        if (problems.Count > 0)
        {
            throw new RulePackException(problems);
        }

        var vetoOnly = rules.SelectMany(r => r.None).ToHashSet();
        vetoOnly.ExceptWith(rules.SelectMany(r => r.All.Concat(r.Any)));
        for (var i = 0; i < terms.Count; i++)
        {
            if (vetoOnly.Contains(terms[i].ConceptId))
            {
                terms[i] = terms[i] with { ExactBoundaries = true };
            }
        }

        var version = (manifest.Version ?? "0.0.0") + "+" + ContentHash(files);
        return new RulePack(manifest.Name ?? "custom", version, new AhoCorasickAutomaton(terms), rules, conceptNames, languages.ToArray());
    }

    private static IEnumerable<string> ReadNameList(string content)
    {
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    private static bool TryCompileTerm(string? entry, int conceptId, string language, out LexiconTerm term, out string error)
    {
        term = null!;
        if (string.IsNullOrWhiteSpace(entry))
        {
            error = "A term is empty.";
            return false;
        }

        var raw = entry.Trim();
        var prefix = raw.EndsWith('*');
        var suffix = raw.StartsWith('*');
        var core = raw.Trim('*');
        if (core.Contains('*', StringComparison.Ordinal))
        {
            // "кружевн* бель*" would never match: a star only opens the start or the end of the whole term.
            error = $"Term '{entry}' has a '*' inside it: a star only works at the start or end of a term. Write each form of the inner word out.";
            return false;
        }

        var normalized = s_termCache.Value is { } cache && cache.TryGetValue(core, out var cached) ? cached : TextNormalizer.Instance.Normalize(core);
        var text = normalized.Text;
        if (text.Length == 0)
        {
            error = $"Term '{entry}' is empty after normalization.";
            return false;
        }

        var noSpaceScript = text.Any(IsNoSpaceScript);
        // A letter written twice ("её" folds to "е" twice) is kept: its doubled run must then be in the text too.
        if (text.Length < 2 && !noSpaceScript && !IsHangul(text[0]) && !char.IsAsciiDigit(text[0]) && normalized.Runs[0] < 2)
        {
            error = $"Term '{entry}' is a single letter after normalization: it would match almost anything.";
            return false;
        }

        var mode = (prefix, suffix) switch
        {
            (true, true) => TermMatchMode.Infix,
            (true, false) => TermMatchMode.Prefix,
            (false, true) => TermMatchMode.Suffix,
            _ => noSpaceScript ? TermMatchMode.Infix : TermMatchMode.Word,
        };
        var runs = text.Length < LexiconTerm.StrictRunLength ? normalized.Runs.ToArray() : null;
        term = new LexiconTerm(text, conceptId, language, mode, runs);
        error = string.Empty;
        return true;
    }

    /// <summary>A Hangul syllable is a whole word or a meaningful piece (옷, 딸), unlike a single Latin letter.</summary>
    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3';

    /// <summary>Han, kana: scripts written without spaces between words.</summary>
    private static bool IsNoSpaceScript(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u0E00' and <= '\u0E7F';

    private static CompiledRule? CompileRule(RuleDefinition definition, string path, string language, string rulePath, Dictionary<string, int> concepts, Dictionary<string, string> seenIds, List<RuleProblem> problems)
    {
        var id = definition.Id;
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new RuleProblem(path, null, rulePath + ".id", "Missing \"id\" (a stable id such as \"PG-FR-A2-0001\")."));
            id = "(no id)";
        }
        else if (!RuleIdPattern().IsMatch(id))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".id", "A rule id is upper-case words and digits joined by dashes (for example \"PG-FR-A2-0001\")."));
        }
        else if (seenIds.TryGetValue(id, out var other))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".id", $"Duplicate rule id: also defined in {other}."));
        }
        else
        {
            seenIds[id] = path;
        }

        if (!TryParseSignal(definition.Signal, out var signal))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".signal", $"\"signal\" must be one of A0, A1, A2, A3, T0, T1, T2, T3, T4 (got '{definition.Signal}')."));
        }

        if (string.IsNullOrWhiteSpace(definition.Message))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".message", "Missing \"message\": say what the rule catches, for the people who read verdicts."));
        }

        var strength = RuleStrength.Strong;
        if (definition.Strength is not null && !Enum.TryParse(definition.Strength, ignoreCase: true, out strength))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".strength", $"\"strength\" must be \"strong\" or \"weak\" (got '{definition.Strength}')."));
        }

        if (definition.Window is < 0)
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".window", "\"window\" must be zero or more words."));
        }

        int[] Resolve(List<string>? names, string property)
        {
            var ids = new List<int>();
            for (var i = 0; i < (names?.Count ?? 0); i++)
            {
                var name = names![i];
                if (name is not null && concepts.TryGetValue(name, out var conceptId))
                {
                    ids.Add(conceptId);
                }
                else
                {
                    problems.Add(new RuleProblem(path, id, $"{rulePath}.{property}[{i}]", $"Unknown concept '{name}': no lexicon defines it."));
                }
            }

            return ids.ToArray();
        }

        var all = Resolve(definition.All, "all");
        var any = Resolve(definition.Any, "any");
        var none = Resolve(definition.None, "none");
        if (definition.Pattern is not null)
        {
            try
            {
                RegexFactory.Validate(definition.Pattern);
            }
            catch (ArgumentException ex)
            {
                problems.Add(new RuleProblem(path, id, rulePath + ".pattern", "Invalid pattern: " + FirstSentence(ex.Message)));
            }
            catch (NotSupportedException ex)
            {
                problems.Add(new RuleProblem(path, id, rulePath + ".pattern", "The pattern needs backtracking, which rule packs do not allow: " + FirstSentence(ex.Message)));
            }
        }
        else if ((definition.All?.Count ?? 0) == 0 && (definition.Any?.Count ?? 0) == 0)
        {
            problems.Add(new RuleProblem(path, id, rulePath, "A rule needs concepts in \"all\" or \"any\" (or a \"pattern\")."));
        }

        if ((definition.Examples?.Match?.Count ?? 0) == 0)
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".examples.match", "Every rule needs at least one \"match\" example; it becomes a test case."));
        }

        if (definition.ImpliesPerson && signal is not (Signal.A1Undressing or Signal.A2SexualizedClothing or Signal.A3SexualContent))
        {
            problems.Add(new RuleProblem(path, id, rulePath + ".impliesPerson", "\"impliesPerson\" only applies to action rules (A1, A2, A3)."));
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new CompiledRule
        {
            Id = id,
            File = path,
            Language = language,
            Signal = signal,
            Category = string.IsNullOrWhiteSpace(definition.Category) ? Category.For(signal) : new Category(definition.Category),
            Strength = strength,
            Message = definition.Message!,
            All = all,
            Any = any,
            None = none,
            Window = definition.Window ?? int.MaxValue,
            Ordered = definition.Ordered,
            ImpliesPerson = definition.ImpliesPerson,
            PatternText = definition.Pattern,
            MatchExamples = definition.Examples?.Match ?? [],
            NoMatchExamples = definition.Examples?.NoMatch ?? [],
        };
    }

    internal static bool TryParseSignal(string? text, out Signal signal)
    {
        signal = text?.Trim().ToUpperInvariant() switch
        {
            "A0" => Signal.A0ChildLikeness,
            "A1" => Signal.A1Undressing,
            "A2" => Signal.A2SexualizedClothing,
            "A3" => Signal.A3SexualContent,
            "T0" => Signal.T0NonPerson,
            "T1" => Signal.T1PicturedPerson,
            "T2" => Signal.T2NamedPerson,
            "T3" => Signal.T3RelatedPerson,
            "T4" => Signal.T4Minor,
            _ => Signal.None,
        };
        return signal != Signal.None;
    }

    private static string ContentHash(List<(string Path, string Content)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n")));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }

    [GeneratedRegex("^[a-z0-9]+(?:[.-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ConceptNamePattern();

    [GeneratedRegex("^[A-Z0-9]+(?:-[A-Z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();
}
