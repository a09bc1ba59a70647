using PromptGuard.Rules;

namespace PromptGuard.Tests.Rules;

public sealed class HitIndexTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(5_000)]
    public void Reset_GroupsEveryHitByConcept_SortedByStartEndAndTerm(int count)
    {
        // Hits as the automaton and the misspelling matcher append them: by end, with ties and out-of-order starts.
        var random = new Random(count);
        var hits = Enumerable.Range(0, count)
            .Select(_ => random.Next(1000))
            .Select(start => new ConceptHit(random.Next(5), random.Next(3), start, start + 1 + random.Next(4)))
            .OrderBy(h => h.End)
            .ToList();
        var words = Enumerable.Range(0, 1100).ToArray();

        var index = new HitIndex(hits, words);

        for (var concept = 0; concept < 5; concept++)
        {
            var expected = hits.Where(h => h.ConceptId == concept).OrderBy(h => h.Start).ThenBy(h => h.End).ThenBy(h => h.TermId).ToList();
            index.Of(concept).ToArray().Should().Equal(expected);
            index.Has(concept).Should().Be(expected.Count > 0);
        }

        index.Has(99).Should().BeFalse();
        index.Of(99).Length.Should().Be(0);
    }

    [Fact]
    public void Reset_ForgetsThePreviousPromptsHits()
    {
        var words = Enumerable.Range(0, 100).ToArray();
        var index = new HitIndex([new ConceptHit(7, 0, 1, 3), new ConceptHit(2, 0, 4, 6)], words);

        index.Reset([new ConceptHit(2, 1, 10, 12)], words);

        index.Has(7).Should().BeFalse();
        index.Of(2).ToArray().Should().Equal(new ConceptHit(2, 1, 10, 12));
    }

    [Fact]
    public void TryFindNear_FindsTheNearestHitWithinTheWindow()
    {
        // One word per character, so distances are position differences.
        var words = Enumerable.Range(0, 100).ToArray();
        var anchor = new ConceptHit(0, 0, 50, 51);
        var index = new HitIndex([anchor, new ConceptHit(1, 0, 10, 11), new ConceptHit(1, 0, 47, 48), new ConceptHit(1, 0, 56, 57)], words);

        index.TryFindNear(1, anchor, notBefore: -1, window: 5, out var found).Should().BeTrue();
        found.Start.Should().Be(47);
        index.TryFindNear(1, anchor, notBefore: 51, window: 10, out found).Should().BeTrue();
        found.Start.Should().Be(56);
        index.TryFindNear(1, anchor, notBefore: -1, window: 2, out _).Should().BeFalse();
    }
}
