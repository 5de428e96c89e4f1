package newarch.data;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on small files it makes itself: no network, no fetched corpus needed. */
class CorpusTest {
    @TempDir
    Path dir;

    @Test
    void loadsUtf8WithWindowsLineEnds() throws Exception {
        Path f = dir.resolve("tiny.txt");
        Files.writeString(f, "Call me Ishmael.\r\nSome years ago—never mind.\r\n", StandardCharsets.UTF_8);
        Corpus c = Corpus.load(f);
        assertEquals("tiny", c.name());
        assertEquals("Call me Ishmael.\nSome years ago—never mind.\n", c.text());
    }

    @Test
    void findsAFetchedCorpusInTheCache() throws Exception {
        Path file = Corpus.location(Corpus.MOBY_DICK, dir);
        assertEquals(dir.resolve("moby-dick").resolve("moby-dick.txt"), file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years\nago.\n", StandardCharsets.UTF_8);
        Corpus c = Corpus.named(Corpus.MOBY_DICK, dir);
        assertEquals("moby-dick", c.name());
        assertEquals("CHAPTER 1. Loomings.\nCall me Ishmael. Some years ago.", c.reflowed().text());
    }

    @Test
    void reflowJoinsWrappedLinesAndKeepsParagraphs() {
        Corpus c = new Corpus("t", "\n\nOne wrapped\nline here.\n\n\n  Second\n paragraph.  \n\n");
        assertEquals("One wrapped line here.\nSecond paragraph.", c.reflowed().text());
    }

    @Test
    void aMissingCorpusSaysHowToFetchIt() {
        assertBadInput(() -> Corpus.named(Corpus.MOBY_DICK, dir), "corpus 'moby-dick' is not in",
                "run scripts/fetch-corpora moby-dick", "NEWARCH_DATA");
        assertBadInput(() -> Corpus.load(dir.resolve("none.txt")), "none.txt does not exist");
    }

    @Test
    void notUtf8IsAOneLineError() throws Exception {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertBadInput(() -> Corpus.load(f), "latin1.txt is not UTF-8 text");
    }
}
