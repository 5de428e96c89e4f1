package newarch.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a rendered figure as PNG and hands the same image back, so one notebook line both saves and shows it. */
final class Png {
    private Png() {
    }

    /**
     * Figures are drawn on machines with no display (notebook kernels, tests, CI). Asking for headless AWT only
     * works before AWT starts, so every figure class calls this before it touches a font or a chart.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static BufferedImage write(BufferedImage image, Path file) {
        if (file == null || !file.getFileName().toString().toLowerCase().endsWith(".png")) {
            throw new IllegalArgumentException("the figure file is " + file + " but must end in .png");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available for " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the figure " + file + ": " + e.getMessage(), e);
        }
        return image;
    }

    static void requireSize(int width, int height) {
        if (width < 50 || height < 50 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("figure size " + width + "x" + height
                    + " must be between 50 and 8000 pixels on each side");
        }
    }
}
