package newarch.viz;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newarch.models.vit.ViTClassifier;
import newarch.models.vit.ViTConfig;
import newarch.models.vit.ViTModel;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where a Vision Transformer's [CLS] token looks: in a given encoder layer, the attention weights of the [CLS] query
 * over the N patch keys, averaged over the heads and laid out on the patch grid [gridH, gridW] (patches run row by
 * row, as {@link newarch.models.vit.Patchify} cuts them). The [CLS] token's attention to itself is left out, so a
 * map sums to 1 minus that self-weight. Drawn next to the image, it shows which parts of the input the
 * classification token gathers in that layer (not a saliency method: later layers mix the tokens first).
 *
 * <pre>
 * INDArray map = PatchAttentionMap.lastLayer(vit, image);          // image [C, H, W] → [gridH, gridW]
 * PatchAttentionMap.figure(vit, images, labels).save(Path.of("attention.png"));
 * </pre>
 */
public final class PatchAttentionMap {
    private PatchAttentionMap() {
    }

    /** The [CLS] attention over the patch grid in {@code layer} (0-based; −1 for the last), heads averaged. */
    public static INDArray of(ViTModel vit, INDArray image, int layer) {
        List<INDArray> maps = perLayer(vit, image);
        int l = layer < 0 ? maps.size() + layer : layer;
        if (l < 0 || l >= maps.size()) {
            throw new IllegalArgumentException("patch attention map: layer " + layer + " but the ViT has "
                    + maps.size() + " layers (0.." + (maps.size() - 1) + ", or -1 for the last)");
        }
        return maps.get(l);
    }

    public static INDArray of(ViTClassifier classifier, INDArray image, int layer) {
        return of(classifier.vit(), image, layer);
    }

    /** The map of the last layer, [gridH, gridW]. */
    public static INDArray lastLayer(ViTClassifier classifier, INDArray image) {
        return of(classifier.vit(), image, -1);
    }

    /** One map [gridH, gridW] per encoder layer, first layer first, for one image [C, H, W] (or [1, C, H, W]). */
    public static List<INDArray> perLayer(ViTModel vit, INDArray image) {
        ViTConfig c = vit.config();
        if (c.numHiddenLayers() == 0) {
            throw new IllegalArgumentException("patch attention map: the ViT has no encoder layers");
        }
        INDArray batch = asBatchOfOne(image, c);                                    // [1, C, H, W]
        int grid = c.imageSize() / c.patchSize();
        List<INDArray> maps = new ArrayList<>();
        for (INDArray w : vit.attentionWeights(batch)) {                            // [1, heads, N+1, N+1]
            INDArray clsRow = w.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(0),
                    NDArrayIndex.interval(1, c.numPatches() + 1));                // [heads, N]
            maps.add(clsRow.mean(0).reshape('c', grid, grid).dup());            // [gridH, gridW]
        }
        return maps;
    }

    public static List<INDArray> perLayer(ViTClassifier classifier, INDArray image) {
        return perLayer(classifier.vit(), image);
    }

    private static INDArray asBatchOfOne(INDArray image, ViTConfig c) {
        long[] want = {c.numChannels(), c.imageSize(), c.imageSize()};
        long[] s = image.shape();
        boolean single = s.length == 3 && s[0] == want[0] && s[1] == want[1] && s[2] == want[2];
        boolean batchOfOne = s.length == 4 && s[0] == 1 && s[1] == want[0] && s[2] == want[1] && s[3] == want[2];
        if (!single && !batchOfOne) {
            throw new ShapeException("patch attention map: image is " + Shapes.show(image) + " but must be ["
                    + want[0] + ", " + want[1] + ", " + want[2] + "] or [1, " + want[0] + ", " + want[1] + ", "
                    + want[2] + "] (one image)");
        }
        return single ? image.reshape(1, want[0], want[1], want[2]) : image;
    }

    /**
     * A figure with one row per image: the image (first channel, grey values) and the [CLS] attention map of every
     * layer. {@code labels} names the rows (e.g. the true digit and the prediction); images are [n, C, H, W].
     */
    public static FigureGrid figure(ViTClassifier classifier, INDArray images, List<String> labels) {
        if (images.rank() != 4 || labels.size() != images.size(0)) {
            throw new ShapeException("patch attention figure: images are " + Shapes.show(images) + " with "
                    + labels.size() + " labels but must be [n, channels, height, width] with n labels");
        }
        List<BufferedImage> panels = new ArrayList<>();
        int layers = 0;
        for (int i = 0; i < images.size(0); i++) {
            INDArray image = images.get(NDArrayIndex.point(i)).dup();           // [C, H, W]
            panels.add(Heatmap.of(image.get(NDArrayIndex.point(0))).title(labels.get(i)).showValues(false)
                    .range(0, 1).size(280, 260).render());
            List<INDArray> maps = perLayer(classifier, image);
            layers = maps.size();
            for (int l = 0; l < maps.size(); l++) {
                panels.add(Heatmap.of(maps.get(l)).title("layer " + (l + 1))
                        .showValues(false).size(280, 260).render());
            }
        }
        return FigureGrid.of(panels).columns(layers + 1);
    }

    /** {@link #figure} saved as PNG. */
    public static BufferedImage save(ViTClassifier classifier, INDArray images, List<String> labels, String title,
                                     Path png) {
        return figure(classifier, images, labels).title(title).save(png);
    }
}
