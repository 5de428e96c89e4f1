package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import newarch.data.BinaryAdditionTask;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.SortTask;
import newarch.models.SequenceTagger;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;

class LengthCurriculumTest {
    private static final LengthRange RANGE = LengthRange.of(2, 9);

    @Test
    void noneKeepsTheWholeRange() {
        LengthCurriculum c = new LengthCurriculum(LengthCurriculum.NONE, RANGE, 100);
        for (long step = 1; step <= 5; step++) {
            assertEquals(RANGE, c.lengthsAt(3, step));
        }
    }

    @Test
    void bucketsGiveOneLengthPerStepCoveringTheRange() {
        LengthCurriculum c = new LengthCurriculum(LengthCurriculum.BUCKETS, RANGE, 100);
        Set<Integer> seen = new TreeSet<>();
        for (long step = 1; step <= 200; step++) {
            LengthRange r = c.lengthsAt(3, step);
            assertEquals(r.min(), r.max(), "one length per batch");
            assertTrue(RANGE.contains(r.min()), r.toString());
            assertEquals(r, c.lengthsAt(3, step), "a pure function of (seed, step)");
            seen.add(r.min());
        }
        assertEquals(Set.of(2, 3, 4, 5, 6, 7, 8, 9), seen);
        boolean seedMatters = false;
        for (long step = 1; step <= 20; step++) {
            seedMatters |= !c.lengthsAt(3, step).equals(c.lengthsAt(4, step));
        }
        assertTrue(seedMatters);
    }

    @Test
    void growStartsShortAndReachesTheLongestAtHalfTheSteps() {
        LengthCurriculum c = new LengthCurriculum(LengthCurriculum.GROW, RANGE, 100);
        assertEquals(2, c.longestAt(1));
        assertEquals(9, c.longestAt(51));
        assertEquals(9, c.longestAt(100));
        assertTrue(c.longestAt(25) > 2 && c.longestAt(25) < 9, "grows in between: " + c.longestAt(25));
        assertEquals(LengthRange.of(2, 2), c.lengthsAt(7, 1));
        for (long step = 1; step <= 100; step++) {
            LengthRange r = c.lengthsAt(7, step);
            assertEquals(r.min(), r.max());
            assertTrue(r.min() >= 2 && r.min() <= c.longestAt(step), step + ": " + r);
        }
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertBadInput(() -> new LengthCurriculum("ladder", RANGE, 10), "ladder", "buckets");
        assertBadInput(() -> new LengthCurriculum(LengthCurriculum.GROW, RANGE, 0), "steps");
        assertBadInput(() -> new LengthCurriculum(LengthCurriculum.GROW, null, 10), "lengths");
    }

    @Test
    void aBatchOfTheFullRangeIsTheUsualBatch() {
        SequenceTask sort = new SortTask(4, LengthRange.of(1, 6), LengthRange.of(12, 12));
        assertEquals(sort.trainingBatch(5, 3, 8), sort.trainingBatch(5, 3, 8, sort.trainLengths()));
        List<Example> fours = sort.trainingBatch(5, 3, 8, LengthRange.of(4, 4));
        assertEquals(8, fours.size());
        assertTrue(fours.stream().allMatch(e -> e.sourceLength() == 4 && !sort.isHeldOut(e)));
        assertBadInput(() -> sort.trainingBatch(5, 3, 8, null), "training lengths");
    }

    @Test
    void bucketedBinaryAdditionHasOperandsOfEqualLength() {
        SequenceTask add = new BinaryAdditionTask(LengthRange.of(1, 8), LengthRange.of(32, 32));
        for (Example e : add.trainingBatch(1, 1, 6, LengthRange.of(5, 5))) {
            assertEquals(11, e.sourceLength(), "5 bits, '+', 5 bits: " + add.render(e.source()));
        }
    }

    @Test
    void theObjectiveDrawsItsBatchesByTheCurriculum() {
        SequenceTask sort = new SortTask(4, LengthRange.of(1, 6), LengthRange.of(12, 12));
        SequenceTagger tagger = (SequenceTagger) TrainableModels.create("rse-tiny", ModelSpec.forTask(sort),
                new Rng(1));
        TaggingObjective o = new TaggingObjective(tagger, sort, 2, 5, 0, 3);
        LengthCurriculum c = new LengthCurriculum(LengthCurriculum.BUCKETS, sort.trainLengths(), 10);
        o.curriculum(c);
        for (long step = 1; step <= 4; step++) {
            int length = c.lengthsAt(2, step).min();
            assertTrue(o.trainingBatch(step).stream().allMatch(e -> e.sourceLength() == length));
        }
        assertTrue(Double.isFinite(o.loss(1).taskLoss()));
    }

    @Test
    void configDefaultsToNoCurriculumAndRefusesUnknownOnes() {
        TrainingConfig c = TrainingConfig.defaults("sort-labelling", "rse-tiny");
        assertEquals(LengthCurriculum.NONE, c.curriculum());
        assertEquals(LengthCurriculum.GROW, c.withCurriculum("grow").curriculum());
        assertNotEquals(c, c.withCurriculum("buckets"));
        assertEquals(c, c.withCurriculum(null), "null (an old config.json) means none");
        assertBadInput(() -> c.withCurriculum("ladder"), "curriculum", "ladder");
        assertBadInput(() -> Experiment.create(TrainingConfig.defaults("digits", "cnn-small")
                .withCurriculum("buckets"), null, null), "--curriculum");
    }

    @Test
    void anExperimentWithACurriculumRuns() {
        TrainingConfig config = TrainingConfig.defaults("sort-labelling", "rse-tiny").withSteps(2).withBatchSize(4)
                .withEvaluation(0, 3, 0).withLengths(LengthRange.of(1, 4), LengthRange.of(16, 16))
                .withCurriculum("grow");
        Map<String, Object> m = Experiment.create(config, null, null).run();
        assertEquals(2L, m.get("steps"));
        assertTrue(m.containsKey("longer.exact"), m.toString());
    }
}
