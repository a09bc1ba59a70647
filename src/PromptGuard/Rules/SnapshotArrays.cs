using System.Runtime.InteropServices;

namespace PromptGuard.Rules;

/// <summary>Arrays of plain values in the compiled rules snapshot: a length, then the raw bytes.</summary>
internal static class SnapshotArrays
{
    /// <summary>Longest array a snapshot may hold; a longer length is damage, not data.</summary>
    private const int MaximumLength = 64 * 1024 * 1024;

    public static void Write<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <exception cref="InvalidDataException">The length is impossible.</exception>
    /// <exception cref="EndOfStreamException">The snapshot ends inside the array.</exception>
    public static T[] Read<T>(BinaryReader reader)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > MaximumLength)
        {
            throw new InvalidDataException("A table of the rules snapshot has an impossible length.");
        }

        var values = new T[length];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
