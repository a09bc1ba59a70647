using System.Buffers;
using System.Runtime.CompilerServices;

namespace PromptGuard.Classification;

/// <summary>
/// Turns normalized text into hashed sparse features: character 2-4-grams (which survive inflection, clitics and
/// scripts without spaces) and subword unigrams and bigrams. Training and screening use this same code, so the
/// shipped weights see exactly the features they were fitted on.
/// </summary>
internal sealed class HashedFeaturizer
{
    /// <summary>Texts longer than this are featurized on their first and last halves of it: the classifier is a
    /// second opinion; the rules screen every character.</summary>
    public const int MaximumCharacters = 4096;

    /// <summary>Up to this many characters, token ids go on the stack (1 KB) rather than in a pooled array.</summary>
    private const int StackTokens = 256;

    private const uint CharGramSeed = 0x9E3779B9;
    private const uint TokenSeed = 0x85EBCA6B;
    private const uint TokenPairSeed = 0xC2B2AE35;
    private const uint ImageSeed = 0x27D4EB2F;

    private readonly SubwordVocabulary? _vocabulary;

    public HashedFeaturizer(int dimensionBits, SubwordVocabulary? vocabulary)
    {
        if (dimensionBits is < 8 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensionBits), "The feature space has between 2^8 and 2^24 dimensions.");
        }

        DimensionBits = dimensionBits;
        Dimension = 1 << dimensionBits;
        _vocabulary = vocabulary;
    }

    public int DimensionBits { get; }

    public int Dimension { get; }

    /// <summary>The subword vocabulary, when the model has one.</summary>
    public SubwordVocabulary? Vocabulary => _vocabulary;

    /// <param name="normalizedText">The prompt after <see cref="Normalization.TextNormalizer"/>.</param>
    /// <param name="hasSourceImage">Whether the request edits a supplied photo: pronouns then mean the pictured person.</param>
    /// <param name="features">Receives the features.</param>
    /// <param name="sorted">Sort by index (ML.NET's sparse vectors need it; scoring does not).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Featurize(string normalizedText, bool hasSourceImage, SparseFeatures features, bool sorted = false)
    {
        features.Clear();
        if (hasSourceImage)
        {
            features.Add(Index(Mix(ImageSeed, 1)));
        }

        var text = normalizedText.Length <= MaximumCharacters
            ? normalizedText
            : string.Concat(normalizedText.AsSpan(0, MaximumCharacters / 2), " ", normalizedText.AsSpan(normalizedText.Length - (MaximumCharacters / 2)));
        AddCharGrams(text, features);
        if (_vocabulary is not null && text.Length > 0)
        {
            // A text has at most as many tokens as characters; short ones (nearly all) keep them on the stack.
            int[]? rented = null;
            var ids = text.Length <= StackTokens ? stackalloc int[text.Length] : (rented = ArrayPool<int>.Shared.Rent(text.Length));
            var count = _vocabulary.Encode(text, ids);
            var previous = -1;
            foreach (var token in ids[..count])
            {
                features.Add(Index(Mix(TokenSeed, (uint)token)));
                if (previous >= 0)
                {
                    features.Add(Index(Mix(Mix(TokenPairSeed, (uint)previous), (uint)token)));
                }

                previous = token;
            }

            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }

        features.Seal(sorted);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCharGrams(string text, SparseFeatures features)
    {
        // Word edges are part of the grams: " bi" and "ni " say where a word starts and ends.
        var length = text.Length + 2;
        for (var start = 0; start < length; start++)
        {
            var hash = CharGramSeed;
            for (var n = 1; n <= 4 && start + n <= length; n++)
            {
                var position = start + n - 1;
                var c = position == 0 || position == length - 1 ? ' ' : text[position - 1];
                hash = Mix(hash, c);
                if (n >= 2)
                {
                    features.Add(Index(Mix(hash, (uint)n)));
                }
            }
        }
    }

    private int Index(uint hash) => (int)(hash & (uint)(Dimension - 1));

    /// <summary>A multiply-xorshift mix (murmur3 finalizer style): fast, and the same on every platform.</summary>
    private static uint Mix(uint hash, uint value)
    {
        hash ^= value + 0x9E3779B9 + (hash << 6) + (hash >> 2);
        hash ^= hash >> 16;
        hash *= 0x7FEB352D;
        hash ^= hash >> 15;
        hash *= 0x846CA68B;
        hash ^= hash >> 16;
        return hash;
    }
}
