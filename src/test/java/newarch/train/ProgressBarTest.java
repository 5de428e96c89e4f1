package newarch.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsTheFinalStateOnOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("train", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 4; i++) {
                bar.step("loss 0.5");
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("train [##############################] 4/4"), text);
        assertTrue(text.endsWith("loss 0.5\n"), text);
    }

    @Test
    void rejectsAnEmptyTotal() {
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar("x", 0));
    }
}
