package newarch.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks shared by the figure tests: the PNG is on disk, has the requested size and actually shows something. */
final class PngAssert {
    private PngAssert() {
    }

    static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), "no PNG written at " + file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertNotNull(read, file + " is not a readable PNG");
        assertEquals(width, read.getWidth(), "PNG width");
        assertEquals(height, read.getHeight(), "PNG height");
        assertNotBlank(read);
        return read;
    }

    /** Not blank: many distinct colours, and a real share of pixels differ from the corner (background) colour. */
    static void assertNotBlank(BufferedImage img) {
        int background = img.getRGB(0, 0);
        Set<Integer> colours = new HashSet<>();
        long different = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    different++;
                }
            }
        }
        assertTrue(colours.size() >= 8, "the image has only " + colours.size() + " colours: it looks blank");
        double share = different / (double) ((long) img.getWidth() * img.getHeight());
        assertTrue(share > 0.02, "only " + share + " of the pixels differ from the background: it looks blank");
    }

    /** Perceived brightness 0..255 of one pixel. */
    static double luminance(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        return 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
    }
}
