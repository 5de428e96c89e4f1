package newarch.data.images;

import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Labelled images: {@code images} [N, C, H, W] float32 in [0, 1] and {@code labels} [N] int64.
 */
public record ImageSet(INDArray images, INDArray labels) {
    public ImageSet {
        if (images.rank() != 4 || labels.rank() != 1 || labels.length() != images.size(0)) {
            throw new ShapeException("image set: images are " + Shapes.show(images) + " and labels "
                    + Shapes.show(labels) + " but must be [N, channels, height, width] and [N]");
        }
    }

    public long size() {
        return images.size(0);
    }

    /** Images and labels at the given positions (a mini-batch). */
    public ImageSet select(long... indices) {
        INDArray index = Nd4j.createFromArray(indices);
        return new ImageSet(images.get(index).reshape(indices.length, images.size(1), images.size(2), images.size(3)),
                labels.get(index).reshape(indices.length));
    }

    /** The examples from {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public ImageSet range(long from, long to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("image set range " + from + ".." + to + " must lie inside 0.." + size()
                    + " and not be empty");
        }
        return new ImageSet(images.get(NDArrayIndex.interval(from, to)).dup(),
                labels.get(NDArrayIndex.interval(from, to)).dup());
    }
}
