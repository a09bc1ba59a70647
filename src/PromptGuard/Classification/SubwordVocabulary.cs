using Microsoft.ML.Tokenizers;

namespace PromptGuard.Classification;

/// <summary>
/// Subword tokens from Microsoft.ML.Tokenizers: a WordPiece tokenizer over a small vocabulary built from the
/// training corpus (thousands of entries, loaded in milliseconds, unlike the 100k-entry BPE vocabularies).
/// </summary>
/// <remarks>
/// The library tokenizer defines the ids the model was trained on, so it stays here as the reference; featurizing
/// goes through <see cref="WordPieceEncoder"/>, which gives the same ids without allocating.
/// </remarks>
internal sealed class SubwordVocabulary
{
    public const string Unknown = "[UNK]";

    /// <summary>
    /// The library tokenizer is built only when asked for (tests, training checks): screening never calls it, and
    /// building it too made loading the model take half again as long.
    /// </summary>
    private readonly Lazy<WordPieceTokenizer> _tokenizer;

    /// <summary>Null when every call should go to the library, the reference the fast path is compared with.</summary>
    private readonly WordPieceEncoder? _encoder;

    private SubwordVocabulary(Lazy<WordPieceTokenizer> tokenizer, WordPieceEncoder? encoder, int size)
    {
        _tokenizer = tokenizer;
        _encoder = encoder;
        Size = size;
    }

    public int Size { get; }

    /// <exception cref="InvalidDataException">The vocabulary cannot be read.</exception>
    public static SubwordVocabulary Load(Stream vocabulary)
    {
        using var copy = new MemoryStream();
        vocabulary.CopyTo(copy);
        var size = 0;
        var entries = new List<(string Piece, int Id)>();
        copy.Position = 0;

        // Read as the library reads it (UTF-8 unless a byte order mark says otherwise; an entry's id is its line, and
        // empty lines keep their number but hold no entry), so both tokenizers see the same vocabulary.
        using (var reader = new StreamReader(copy, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length != 0)
                {
                    entries.Add((line, size));
                }

                size++;
            }
        }

        var unknown = entries.FindIndex(entry => entry.Piece == Unknown);
        if (unknown < 0)
        {
            throw new InvalidDataException($"The classifier vocabulary is invalid: it has no {Unknown} entry.");
        }

        var bytes = copy.ToArray();
        var tokenizer = new Lazy<WordPieceTokenizer>(() => WordPieceTokenizer.Create(new MemoryStream(bytes), new WordPieceOptions { UnknownToken = Unknown }));
        try
        {
            // The library's defaults, read from its options rather than copied, so an upgrade that changed them shows.
            var defaults = new WordPieceOptions();
            var encoder = new WordPieceEncoder(entries, entries[unknown].Id, defaults.ContinuingSubwordPrefix, defaults.MaxInputCharsPerWord);
            return new SubwordVocabulary(tokenizer, encoder, size);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("The classifier vocabulary is invalid: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The same vocabulary with <see cref="Encode(ReadOnlySpan{char}, Span{int})"/> answered by the library, so tests
    /// can featurize both ways and compare.
    /// </summary>
    public SubwordVocabulary WithLibraryEncoding() => new(_tokenizer, encoder: null, Size);

    /// <summary>Featurizing uses this: the library's ids, written to the caller's buffer without allocating.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="ids">At least as long as <paramref name="text"/>: every id covers one code unit or more.</param>
    /// <returns>How many ids were written to the start of <paramref name="ids"/>.</returns>
    public int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        if (_encoder is not null)
        {
            return _encoder.Encode(text, ids);
        }

        if (ids.Length < text.Length)
        {
            throw new ArgumentException("The id buffer must be at least as long as the text.", nameof(ids));
        }

        var library = EncodeWithLibrary(text.ToString());
        for (var i = 0; i < library.Count; i++)
        {
            ids[i] = library[i];
        }

        return library.Count;
    }

    /// <summary>The reference: the ids straight from Microsoft.ML.Tokenizers.</summary>
    public IReadOnlyList<int> EncodeWithLibrary(string text) => _tokenizer.Value.EncodeToIds(text);
}
