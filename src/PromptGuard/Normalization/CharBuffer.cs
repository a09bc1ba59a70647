using System.Runtime.CompilerServices;

namespace PromptGuard.Normalization;

/// <summary>A growable buffer of characters, each carrying the original range it came from.</summary>
/// <remarks>Its accessors are inlined on purpose: the normalizer calls them for every character of every pass.</remarks>
internal sealed class CharBuffer
{
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;
    private byte[] _runs;

    public CharBuffer(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
        _runs = new byte[capacity];
    }

    public int Length { get; private set; }

    public char this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _chars[index];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StartAt(int index) => _starts[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndAt(int index) => _ends[index];

    public void Clear() => Length = 0;

    /// <summary>The number of characters the buffer holds before it must grow.</summary>
    public int Capacity => _chars.Length;

    /// <summary>Makes room for <paramref name="capacity"/> characters at once (a long prompt would otherwise grow the
    /// buffer a dozen times, copying everything at each step).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _chars.Length)
        {
            Resize(capacity);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(char c, int start, int end)
    {
        if (Length == _chars.Length)
        {
            Grow();
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        _runs[Length] = 1;
        Length++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetChar(int index, char c) => _chars[index] = c;

    /// <summary>How many identical letters the character at <paramref name="index"/> stands for (capped at 255).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRun(int index, int run) => _runs[index] = (byte)Math.Min(run, 255);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte RunAt(int index) => _runs[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RemoveLast() => Length--;

    /// <summary>Copies the character at <paramref name="from"/>, with its range and run, to <paramref name="to"/> (compaction in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int from, int to)
    {
        _chars[to] = _chars[from];
        _starts[to] = _starts[from];
        _ends[to] = _ends[from];
        _runs[to] = _runs[from];
    }

    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void Widen(int index, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        if (_ends[index] <= _starts[index])
        {
            _starts[index] = start;
            _ends[index] = end;
            return;
        }

        _starts[index] = Math.Min(_starts[index], start);
        _ends[index] = Math.Max(_ends[index], end);
    }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public NormalizedText ToNormalizedText(string original, NormalizationSteps steps, bool[]? joined = null) =>
        new(original, new string(_chars, 0, Length), _starts.AsSpan(0, Length).ToArray(), _ends.AsSpan(0, Length).ToArray(), _runs.AsSpan(0, Length).ToArray(), steps, joined);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Resize(_chars.Length * 2);

    private void Resize(int size)
    {
        Array.Resize(ref _chars, size);
        Array.Resize(ref _starts, size);
        Array.Resize(ref _ends, size);
        Array.Resize(ref _runs, size);
    }
}
