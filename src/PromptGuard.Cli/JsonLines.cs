using System.Text;

namespace PromptGuard.Cli;

/// <summary>
/// Splits a stream of UTF-8 JSON Lines into lines without decoding them. A line ends at \n, \r\n or \r, as
/// <see cref="TextReader.ReadLine"/> has it; a UTF-8 byte-order mark is skipped and a UTF-16 file is transcoded first.
/// </summary>
/// <remarks>
/// A line stays valid after later reads: when the buffer runs out mid-line, the rest goes to a new buffer rather than
/// over the old one, so the lines of a whole batch can be read first and screened afterwards.
/// </remarks>
internal sealed class JsonLines
{
    private const int ChunkSize = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public JsonLines(Stream stream)
    {
        _stream = stream;
    }

    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var stop = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (stop >= 0 && (pending[stop] == '\n' || stop + 1 < pending.Length || _eof))
            {
                line = _buffer.AsMemory(_start, stop);
                var skip = pending[stop] == '\r' && stop + 1 < pending.Length && pending[stop + 1] == '\n' ? 2 : 1;
                _start += stop + skip;
                return true;
            }

            if (_eof)
            {
                if (pending.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = _buffer.AsMemory(_start, pending.Length);
                _start = _end;
                return true;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_end == _buffer.Length)
        {
            // Earlier lines may still be in use: the unread tail moves to a fresh buffer instead of the front of this one.
            var tail = _end - _start;
            var next = new byte[Math.Max(ChunkSize, tail * 2)];
            _buffer.AsSpan(_start, tail).CopyTo(next);
            _buffer = next;
            _start = 0;
            _end = tail;
        }

        // One read at a time: rows from a pipe are screened as they come, not when a megabyte has arrived.
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        if (_first && (_end >= 3 || _eof))
        {
            _first = false;
            SkipByteOrderMark();
        }
    }

    private void SkipByteOrderMark()
    {
        var data = _buffer.AsSpan(0, _end);
        if (data.StartsWith("\uFEFF"u8))
        {
            _start = 3;
        }
        else if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16: rare enough to transcode the whole input once.
            using var rest = new MemoryStream();
            rest.Write(data);
            _stream.CopyTo(rest);
            rest.Position = 0;
            using var reader = new StreamReader(rest, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            _buffer = Encoding.UTF8.GetBytes(reader.ReadToEnd());
            _start = 0;
            _end = _buffer.Length;
            _eof = true;
        }
    }
}
