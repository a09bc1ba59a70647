using Microsoft.ML.Tokenizers;

namespace PromptGuard.Classification;

/// <summary>
/// Subword tokens from Microsoft.ML.Tokenizers: a WordPiece tokenizer over a small vocabulary built from the
/// training corpus (thousands of entries, loaded in milliseconds, unlike the 100k-entry BPE vocabularies).
/// </summary>
internal sealed class SubwordVocabulary
{
    public const string Unknown = "[UNK]";

    private readonly WordPieceTokenizer _tokenizer;

    private SubwordVocabulary(WordPieceTokenizer tokenizer, int size)
    {
        _tokenizer = tokenizer;
        Size = size;
    }

    public int Size { get; }

    /// <exception cref="InvalidDataException">The vocabulary cannot be read.</exception>
    public static SubwordVocabulary Load(Stream vocabulary)
    {
        using var copy = new MemoryStream();
        vocabulary.CopyTo(copy);
        var size = 0;
        copy.Position = 0;
        using (var reader = new StreamReader(copy, leaveOpen: true))
        {
            while (reader.ReadLine() is not null)
            {
                size++;
            }
        }

        copy.Position = 0;
        try
        {
            return new SubwordVocabulary(WordPieceTokenizer.Create(copy, new WordPieceOptions { UnknownToken = Unknown }), size);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException("The classifier vocabulary is invalid: " + ex.Message, ex);
        }
    }

    /// <summary>Token ids of the text.</summary>
    public IReadOnlyList<int> Encode(string text) => _tokenizer.EncodeToIds(text);
}
