package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import newarch.data.Corpus;
import newarch.data.images.ImageSet;
import newarch.models.ImageClassifier;
import newarch.models.cnn.Pooling;
import newarch.models.cnn.SmallCnn;
import newarch.models.cnn.SmallCnnConfig;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Image classification on a tiny synthetic set (no download): seeded epochs, accuracy, errors, registry, pairing. */
class ImageClassificationObjectiveTest {
    /** n 8×8 grey images of 3 classes: class c is a bright 4×4 block in quadrant c, plus noise. */
    static ImageSet synthetic(int n, long seed) {
        Rng rng = new Rng(seed);
        INDArray images = rng.uniform(DataType.FLOAT, 0, 0.3, n, 1, 8, 8);
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            int r = labels[i] == 2 ? 4 : 0;
            int c = labels[i] == 1 ? 4 : 0;
            images.get(NDArrayIndex.point(i), NDArrayIndex.point(0), NDArrayIndex.interval(r, r + 4),
                    NDArrayIndex.interval(c, c + 4)).addi(0.7);
        }
        return new ImageSet(images, Nd4j.createFromArray(labels));
    }

    private static SmallCnn cnn(long seed) {
        return new SmallCnn(new SmallCnnConfig(8, 1, 2, 3, 3, Pooling.Kind.MAX, 3), new Rng(seed));
    }

    @Test
    void everyEpochVisitsEveryImageOnceInASeededOrder() {
        ImageSet train = synthetic(12, 1);
        ImageSet test = synthetic(6, 2);
        var a = new ImageClassificationObjective(cnn(1), train, test, 7, 4, 0, 6);
        var b = new ImageClassificationObjective(cnn(1), train, test, 7, 4, 0, 6);
        var other = new ImageClassificationObjective(cnn(1), train, test, 8, 4, 0, 6);
        for (int epoch = 0; epoch < 2; epoch++) {
            long[] seen = new long[12];
            for (int s = 1; s <= 3; s++) {
                long step = 3L * epoch + s;
                System.arraycopy(a.batchIndices(step), 0, seen, 4 * (s - 1), 4);
            }
            long[] sorted = seen.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, sorted, "epoch " + epoch);
        }
        assertArrayEquals(a.batchIndices(5), b.batchIndices(5), "a function of (seed, step)");
        assertArrayEquals(a.batchIndices(2), new ImageClassificationObjective(cnn(1), train, test, 7, 4, 0, 6)
                .batchIndices(2), "whatever came before");
        assertFalse(Arrays.equals(a.batchIndices(1), other.batchIndices(1)), "another seed, another order");
        assertFalse(Arrays.equals(a.batchIndices(1), a.batchIndices(4)), "each epoch its own order");
    }

    @Test
    void evaluationSpreadsOverTheTestSetAndCountsRightAnswers() {
        assertArrayEquals(new long[] {0, 2, 5, 7}, ImageClassificationObjective.evenlySpaced(10, 4));
        assertArrayEquals(new long[] {0, 1, 2}, ImageClassificationObjective.evenlySpaced(3, 3));
        ImageSet test = synthetic(9, 3);
        SmallCnn model = cnn(2);
        var o = new ImageClassificationObjective(model, synthetic(12, 1), test, 1, 4, 0, 100);
        assertEquals(9, o.testSubset().size(), "eval size above the test set: all of it");
        Map<String, Double> m = o.evaluate();
        INDArray predicted = model.classify(test.images()).data().argMax(1);
        double expected = predicted.castTo(DataType.LONG).eq(test.labels()).castTo(DataType.DOUBLE)
                .meanNumber().doubleValue();
        assertEquals(expected, m.get("test.accuracy"), 1e-9);
        double loss = new CrossEntropy().loss(model.classify(test.images()), test.labels()).data().getDouble(0);
        assertEquals(loss, m.get("test.loss"), 1e-5);
    }

    @Test
    void aFewStepsLearnTheQuadrants() {
        SmallCnn model = cnn(4);
        var o = new ImageClassificationObjective(model, synthetic(48, 5), synthetic(30, 6), 1, 12, 0, 30);
        Optimizer adam = new Adam(model.parameters(), LearningRateSchedule.constant(0.05), 0.9, 0.98, 1e-9, 0,
                false);
        Trainer t = new Trainer(model, new Rng(1), o, adam, new Trainer.Options(40, 0, 0, 0, null, null));
        double before = o.evaluate().get("test.loss");
        t.run();
        Map<String, Double> after = t.history().lastEvaluation().metrics();
        assertTrue(after.get("test.loss") < before, before + " -> " + after);
        assertTrue(after.get("test.accuracy") >= 0.9, after.toString());
    }

    @Test
    void imagesOfTheWrongShapeOrLabelsBeyondTheHeadAreOneLineErrors() {
        ImageSet wrongSize = new ImageSet(Nd4j.zeros(DataType.FLOAT, 2, 1, 6, 6), Nd4j.createFromArray(0L, 1L));
        assertBadInput(() -> new ImageClassificationObjective(cnn(1), wrongSize, synthetic(3, 1), 1, 2, 0, 3),
                "training images", "[2,1,6,6]", "[N, 1, 8, 8]");
        ImageSet badLabels = new ImageSet(Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 8), Nd4j.createFromArray(0L, 3L));
        assertBadInput(() -> new ImageClassificationObjective(cnn(1), synthetic(3, 1), badLabels, 1, 2, 0, 3),
                "test images have labels 0..3", "3 classes");
    }

    @Test
    void imageClassifiersAreRegisteredForTheDigits() {
        INDArray digits = Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28);
        for (String name : new String[] {"vit-tiny", "mixer-tiny", "cnn-small"}) {
            assertTrue(TrainableModels.isImageClassifier(name), name);
            Module m = TrainableModels.create(name, ModelSpec.forImages(10), new Rng(1));
            ImageClassifier c = (ImageClassifier) m;
            assertEquals(10, c.numClasses(), name);
            assertArrayEquals(new long[] {1, 28, 28}, c.imageShape(), name);
            assertArrayEquals(new long[] {2, 10}, c.classify(digits).shape(), name);
        }
        assertFalse(TrainableModels.isImageClassifier("gpt-tiny"));
    }

    @Test
    void wrongPairingsOfTaskAndModelAreOneLineErrors() {
        assertBadInput(() -> Experiment.checkPairing(TrainingConfig.defaults("digits", "gpt-tiny")),
                "task 'digits' needs an image classifier", "vit-tiny", "'gpt-tiny' is not one");
        assertBadInput(() -> Experiment.checkPairing(TrainingConfig.defaults("reverse", "vit-tiny")),
                "model 'vit-tiny' is an image classifier", "digits", "'reverse'");
        assertBadInput(() -> Experiment.checkPairing(TrainingConfig.defaults("digits", "cnn-small")
                        .withLengths(newarch.data.LengthRange.of(1, 4), newarch.data.LengthRange.of(5, 6))),
                "--train-lengths");
        Experiment.checkPairing(TrainingConfig.defaults("digits", "cnn-small"));
        Experiment.checkPairing(TrainingConfig.defaults("reverse", "gpt-tiny"));
    }

    @Test
    void missingDigitsSayWhichCommandFetchesThem(@TempDir Path empty) {
        assertBadInput(() -> ImageTasks.load("digits", empty), "scripts/fetch-corpora mnist-digits");
        assertBadInput(() -> ImageTasks.load("letters", empty), "unknown image task 'letters'", "digits");
    }

    /** The real task end to end when scripts/fetch-corpora has fetched the digits (skipped otherwise). */
    @Test
    void trainsOnTheRealDigitsWhenFetched() {
        assumeTrue(Files.exists(Corpus.cacheDirectory().resolve("mnist-digits/COMPLETE")), "digits not fetched");
        TrainingConfig c = TrainingConfig.defaults("digits", "cnn-small").withSteps(2).withEvaluation(0, 40, 0);
        Map<String, Object> m = Experiment.create(c, null, null).run();
        assertEquals(9098, ((Number) m.get("parameters")).intValue());
        assertTrue(m.containsKey("test.accuracy") && m.containsKey("test.loss"), m.toString());
    }
}
