namespace PromptGuard.Normalization;

/// <summary>
/// Emoji that stand for a concept the rules know. They are replaced by an English word so that the
/// lexicons need no emoji of their own; the reason still points at the emoji in the original prompt.
/// </summary>
internal static class EmojiConcepts
{
    private static readonly Dictionary<int, string> s_concepts = new()
    {
        [0x1F459] = "bikini",        // 👙
        [0x1FA72] = "underwear",     // 🩲
        [0x1FA71] = "swimsuit",      // 🩱
        [0x1F351] = "butt",          // 🍑
        [0x1F346] = "penis",         // 🍆
        [0x1F4A6] = "fluids",        // 💦
        [0x1F51E] = "nsfw",          // 🔞
        [0x1FAE6] = "sexy",          // 🫦
        [0x1F445] = "sexy",          // 👅
        [0x1F975] = "sexy",          // 🥵
        [0x1F476] = "baby",          // 👶
        [0x1F9D2] = "child",         // 🧒
        [0x1F467] = "little girl",   // 👧
        [0x1F466] = "little boy",    // 👦
        [0x1F37C] = "baby",          // 🍼
        [0x1F3EB] = "school",        // 🏫
        [0x1F392] = "school",        // 🎒
        [0x1F6C0] = "naked",         // 🛀
        [0x1F48B] = "kiss",          // 💋
        [0x1F44C] = "ok",            // 👌
    };

    public static bool TryGet(int codePoint, out string concept) => s_concepts.TryGetValue(codePoint, out concept!);

    /// <summary>Skin-tone and hair modifiers carry no meaning for screening.</summary>
    public static bool IsModifier(int codePoint) =>
        codePoint is >= 0x1F3FB and <= 0x1F3FF or >= 0x1F9B0 and <= 0x1F9B3;
}
