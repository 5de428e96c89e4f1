package newarch.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Several rendered figures side by side in one image, e.g. one small heatmap per attention head. One image
 * keeps the panels in a fixed arrangement that survives export, where separate cell outputs would reflow.
 *
 * <pre>
 * FigureGrid.of(head0, head1, head2, head3).columns(4).title("what each head attends to").save(png);
 * </pre>
 */
public final class FigureGrid {
    private static final int GAP = 8;

    private final List<BufferedImage> panels;
    private int columns;
    private String title = "";

    private FigureGrid(List<BufferedImage> panels) {
        this.panels = panels;
        this.columns = panels.size();
    }

    public static FigureGrid of(BufferedImage... panels) {
        return of(List.of(panels));
    }

    public static FigureGrid of(List<BufferedImage> panels) {
        if (panels == null || panels.isEmpty()) {
            throw new IllegalArgumentException("a figure grid needs at least one panel");
        }
        return new FigureGrid(List.copyOf(panels));
    }

    /** Panels per row (all in one row by default); rows fill left to right, top to bottom. */
    public FigureGrid columns(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns is " + columns + " but must be at least 1");
        }
        this.columns = columns;
        return this;
    }

    public FigureGrid title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public BufferedImage render() {
        Png.headless();
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        // Cells take the largest panel's size so that panels of equal size line up exactly.
        int cellW = panels.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellH = panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 18);
        int titleH = title.isBlank() ? 0 : 36;
        int w = cols * cellW + (cols + 1) * GAP;
        int h = titleH + rows * cellH + (rows + 1) * GAP;
        Png.requireSize(w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            if (titleH > 0) {
                g.setColor(Color.BLACK);
                g.setFont(font);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(title, (w - fm.stringWidth(title)) / 2, GAP + fm.getAscent());
            }
            for (int i = 0; i < panels.size(); i++) {
                int x = GAP + (i % cols) * (cellW + GAP);
                int y = titleH + GAP + (i / cols) * (cellH + GAP);
                g.drawImage(panels.get(i), x, y, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Renders and writes the PNG (creating its directory); returns the image so a notebook cell shows it. */
    public BufferedImage save(Path png) {
        return Png.write(render(), png);
    }
}
