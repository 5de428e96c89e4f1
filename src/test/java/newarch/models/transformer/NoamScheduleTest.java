package newarch.models.transformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.train.NoamSchedule;
import org.junit.jupiter.api.Test;

/** The Transformer's learning-rate schedule (lives here because newarch/train is owned by another change). */
class NoamScheduleTest {

    @Test
    void stepZeroIsRejected() {
        NoamSchedule s = new NoamSchedule(512, 4000, 1.0);
        assertEquals("step is 0 but steps count from 1", assertBadInput(() -> s.rate(0)));
        assertBadInput(() -> s.rate(-3), "-3");
    }

    @Test
    void nonPositiveModelWidthOrWarmup() {
        assertBadInput(() -> new NoamSchedule(512, 0, 1.0), "warmup 0");
        assertBadInput(() -> new NoamSchedule(0, 4000, 1.0), "d_model 0");
    }

    @Test
    void risesLinearlyThenDecaysWithTheInverseSquareRoot() {
        NoamSchedule s = new NoamSchedule(512, 4000, 1.0);
        double peak = Math.pow(512, -0.5) * Math.pow(4000, -0.5);
        assertEquals(peak, s.rate(4000), 1e-15);
        assertEquals(s.rate(1) * 2, s.rate(2), 1e-15);
        assertEquals(peak / 2, s.rate(16000), 1e-15);
        assertTrue(s.rate(3999) < peak && s.rate(4001) < peak);
    }
}
