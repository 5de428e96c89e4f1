package newarch.train;

import java.nio.file.Path;
import java.util.List;
import newarch.data.Corpus;
import newarch.data.images.DigitImages;
import newarch.data.images.ImageSet;

/**
 * The image-classification tasks {@code train --task} accepts: {@code digits} is the 10,000 MNIST digits of
 * {@link DigitImages} (28×28 grey, 10 classes) with their fixed 8,004/1,996 train/test split; the data must have been
 * fetched by {@code scripts/fetch-corpora mnist-digits}. The name alone determines the data.
 */
public final class ImageTasks {
    public static final String DIGITS = "digits";

    private ImageTasks() {
    }

    /** A loaded image task: its training and test images and the number of classes. */
    public record Task(String name, ImageSet train, ImageSet test, int classes) {
    }

    public static List<String> names() {
        return List.of(DIGITS);
    }

    public static boolean isImageTask(String name) {
        return DIGITS.equals(name);
    }

    /** From the default cache; data that was not fetched is a one-line IllegalArgumentException naming the command. */
    public static Task load(String name) {
        return load(name, Corpus.cacheDirectory());
    }

    public static Task load(String name, Path cache) {
        if (!isImageTask(name)) {
            throw new IllegalArgumentException("unknown image task '" + name + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        DigitImages digits = DigitImages.load(cache);
        return new Task(name, digits.train(), digits.test(), DigitImages.CLASSES);
    }
}
