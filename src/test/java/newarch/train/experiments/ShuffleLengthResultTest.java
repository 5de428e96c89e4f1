package newarch.train.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import newarch.data.LengthRange;
import newarch.train.Experiment;
import newarch.train.LengthCurriculum;
import newarch.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class ShuffleLengthResultTest {
    @Test
    void runsAreRecordedWithTheirCurriculumAndSweepBeyondTheTestLength() {
        assertTrue(Results.NAMES.contains("shuffle-lengthgen"));
        for (ShuffleLengthResult.Run run : ShuffleLengthResult.RUNS) {
            TrainingConfig c = run.config();
            assertEquals(LengthCurriculum.BUCKETS, c.curriculum());
            assertTrue(run.name().startsWith(c.model() + "-"), run.name() + " trains " + c.model());
            assertTrue(Results.command(c, "d").contains("--curriculum buckets"), Results.command(c, "d"));
            int longestTrained = c.trainLengths() == null ? 16 : c.trainLengths().max();   // sort-labelling: 1..16
            assertTrue(run.sweep()[run.sweep().length - 1] >= 4 * longestTrained, run.name());
        }
    }

    @Test
    void sweepScoresEveryLength() {
        TrainingConfig c = TrainingConfig.defaults("sort-labelling", "rse-tiny").withSteps(1).withBatchSize(4)
                .withEvaluation(0, 2, 0).withLengths(LengthRange.of(1, 3), LengthRange.of(12, 12))
                .withCurriculum(LengthCurriculum.BUCKETS);
        Experiment e = Experiment.create(c, null, null);
        e.run();
        Map<Integer, Map<String, Double>> by = ShuffleLengthResult.sweep(e, new int[] {1, 3, 12});
        assertEquals(List.of(1, 3, 12), List.copyOf(by.keySet()));
        by.values().forEach(m -> {
            assertEquals(List.of("exact", "token_accuracy"), List.copyOf(m.keySet()));
            assertTrue(m.get("exact") >= 0 && m.get("exact") <= m.get("token_accuracy") + 1e-12
                    && m.get("token_accuracy") <= 1, m.toString());
        });
    }
}
