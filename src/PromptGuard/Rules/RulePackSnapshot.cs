using System.Security.Cryptography;
using System.Text;

namespace PromptGuard.Rules;

/// <summary>
/// A compiled rule pack in binary form: normalized terms, the automaton's tables and the compiled rules.
/// </summary>
/// <remarks>
/// Parsing, normalizing and compiling tens of thousands of terms is most of a cold start, so the build compiles the
/// default pack once (src/PromptGuard.RulesCompiler) and embeds the result beside the rule files. It is used only when
/// its fingerprint equals that of the embedded rule files; otherwise, and for any rules from a directory, the pack is
/// compiled from its files as usual. The snapshot is an optimization, never a second source of truth.
/// </remarks>
internal static class RulePackSnapshot
{
    /// <summary>Logical name of the embedded snapshot (see PromptGuard.csproj).</summary>
    public const string ResourceName = "PromptGuard.rules.snapshot";

    private const int Magic = 0x53524750; // "PGRS"
    private const int FormatVersion = 4;

    /// <summary>Writes <paramref name="pack"/>, compiled from files with <paramref name="fingerprint"/>.</summary>
    public static void Write(RulePack pack, string fingerprint, Stream output)
    {
        // The payload is followed by its own SHA-256: a damaged snapshot is refused as a whole rather than restoring
        // a term or a table with a flipped bit.
        using var payload = new MemoryStream();
        WritePayload(pack, fingerprint, payload);
        output.Write(payload.GetBuffer(), 0, (int)payload.Length);
        output.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
    }

    private static void WritePayload(RulePack pack, string fingerprint, Stream output)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(fingerprint);
        writer.Write(pack.Name);
        writer.Write(pack.Version);
        WriteStrings(writer, pack.Languages);
        WriteStrings(writer, pack.ConceptNames);

        var terms = pack.Automaton.Terms;
        var termLanguages = terms.Select(t => t.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        WriteStrings(writer, termLanguages);
        writer.Write(terms.Count);
        foreach (var term in terms)
        {
            writer.Write(term.Text);
            writer.Write(term.ConceptId);
            writer.Write((byte)termLanguages.IndexOf(term.Language));
            writer.Write((byte)term.Mode);
            writer.Write(term.ExactBoundaries);
            writer.Write(term.Runs is null ? -1 : term.Runs.Length);
            if (term.Runs is not null)
            {
                writer.Write(term.Runs);
            }
        }

        pack.Automaton.WriteTables(writer);

        writer.Write(pack.Rules.Count);
        foreach (var rule in pack.Rules)
        {
            writer.Write(rule.Id);
            writer.Write(rule.File);
            writer.Write(rule.Language);
            writer.Write((int)rule.Signal);
            writer.Write(rule.Category.Value);
            writer.Write((int)rule.Strength);
            writer.Write(rule.Message);
            WriteInts(writer, rule.All);
            WriteInts(writer, rule.Any);
            WriteInts(writer, rule.None);
            writer.Write(rule.Window);
            writer.Write(rule.Ordered);
            writer.Write(rule.ImpliesPerson);
            writer.Write(rule.PatternText is not null);
            if (rule.PatternText is not null)
            {
                writer.Write(rule.PatternText);
            }

            WriteStrings(writer, rule.MatchExamples);
            WriteStrings(writer, rule.NoMatchExamples);
        }

        // The misspelling index, so a first photo edit does not build it (about 100 ms).
        pack.Fuzzy.WriteTables(writer);
        writer.Write(Magic);
    }

    /// <summary>
    /// The pack embedded in this assembly as a snapshot, or null when there is none or it was not compiled from
    /// <paramref name="fingerprint"/> (the embedded rule files), so that the caller compiles the files instead.
    /// </summary>
    public static RulePack? TryReadEmbedded(string fingerprint)
    {
        using var stream = typeof(RulePackSnapshot).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : TryRead(stream, fingerprint);
    }

    /// <summary>A snapshot read from <paramref name="input"/>, or null when it is stale or damaged in any way.</summary>
    internal static RulePack? TryRead(Stream input, string fingerprint)
    {
        try
        {
            return Read(input, fingerprint);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException or ArgumentException or DecoderFallbackException
            or FormatException or OverflowException)
        {
            // A damaged snapshot costs speed, never correctness: the files are compiled instead.
            return null;
        }
    }

    /// <summary>Reads a snapshot; null when its fingerprint differs.</summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged.</exception>
    internal static RulePack? Read(Stream input, string fingerprint)
    {
        var bytes = new byte[input.Length - input.Position];
        input.ReadExactly(bytes);
        var payloadLength = bytes.Length - SHA256.HashSizeInBytes;
        if (payloadLength <= 0 || !SHA256.HashData(bytes.AsSpan(0, payloadLength)).AsSpan().SequenceEqual(bytes.AsSpan(payloadLength)))
        {
            throw new InvalidDataException("The rules snapshot is damaged (its checksum does not match).");
        }

        using var payload = new MemoryStream(bytes, 0, payloadLength, writable: false);
        using var reader = new BinaryReader(payload, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion)
        {
            return null;
        }

        if (!string.Equals(reader.ReadString(), fingerprint, StringComparison.Ordinal))
        {
            return null;
        }

        var name = reader.ReadString();
        var version = reader.ReadString();
        var languages = ReadStrings(reader);
        var conceptNames = ReadStrings(reader);
        var termLanguages = ReadStrings(reader);
        var terms = new LexiconTerm[ReadCount(reader)];
        for (var i = 0; i < terms.Length; i++)
        {
            var text = reader.ReadString();
            var concept = ReadIndex(reader.ReadInt32(), conceptNames.Length);
            var language = termLanguages[ReadIndex(reader.ReadByte(), termLanguages.Length)];
            var mode = (TermMatchMode)reader.ReadByte();
            var exact = reader.ReadBoolean();
            var runsLength = reader.ReadInt32();
            var runs = runsLength < 0 ? null : reader.ReadBytes(runsLength);
            if (text.Length == 0 || !Enum.IsDefined(mode) || (runs is not null && runs.Length != runsLength))
            {
                throw new InvalidDataException("A term of the rules snapshot is damaged.");
            }

            terms[i] = new LexiconTerm(text, concept, language, mode, runs) { ExactBoundaries = exact };
        }

        var automaton = AhoCorasickAutomaton.ReadTables(reader, terms);
        var rules = new CompiledRule[ReadCount(reader)];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new CompiledRule
            {
                Id = reader.ReadString(),
                File = reader.ReadString(),
                Language = reader.ReadString(),
                Signal = (Signal)reader.ReadInt32(),
                Category = new Category(reader.ReadString()),
                Strength = (RuleStrength)reader.ReadInt32(),
                Message = reader.ReadString(),
                All = ReadConcepts(reader, conceptNames.Length),
                Any = ReadConcepts(reader, conceptNames.Length),
                None = ReadConcepts(reader, conceptNames.Length),
                Window = reader.ReadInt32(),
                Ordered = reader.ReadBoolean(),
                ImpliesPerson = reader.ReadBoolean(),
                PatternText = reader.ReadBoolean() ? reader.ReadString() : null,
                MatchExamples = ReadStrings(reader),
                NoMatchExamples = ReadStrings(reader),
            };
        }

        var fuzzy = FuzzyMatcher.ReadTables(reader, terms, Array.IndexOf(conceptNames, RulePackLoader.NamedPersonConcept));
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("The rules snapshot does not end where it should.");
        }

        return new RulePack(name, version, automaton, rules, conceptNames, languages, fuzzy);
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[ReadCount(reader)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static int[] ReadConcepts(BinaryReader reader, int conceptCount)
    {
        var values = new int[ReadCount(reader)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ReadIndex(reader.ReadInt32(), conceptCount);
        }

        return values;
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= 16 * 1024 * 1024 ? count : throw new InvalidDataException("A count in the rules snapshot is impossible.");
    }

    private static int ReadIndex(int index, int count) =>
        (uint)index < (uint)count ? index : throw new InvalidDataException("An index in the rules snapshot is out of range.");
}
