package newarch.data.email;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinTest {
    @Test
    void contentKeepsSubjectAndBodyAndDropsRoutingHeadersAndHtml() {
        Email e = new Email("00001", "spam-1", "From x@y.z\nReceived: from evil.example\nSUBJECT: Cheap pills\n"
                + "To: you\n\n<html><b>Buy</b> now</html>\n");
        assertTrue(e.spam());
        String c = e.content();
        assertTrue(c.startsWith("Cheap pills"), c);
        assertTrue(c.contains("Buy") && c.contains("now"), c);
        assertFalse(c.contains("evil") || c.contains("<b>"), c);
        assertFalse(new Email("1", "hard-ham-1", "x").spam());
    }

    @Test
    void loadsFetchedGroupsAndSplitsTheSameWayEveryTime(@TempDir Path dir) throws Exception {
        for (String g : List.of("spam-1", "easy-ham-1")) {
            Files.createDirectories(dir.resolve(g));
            for (int i = 0; i < 50; i++) {
                Files.writeString(dir.resolve(g).resolve(i + ".json"), "{\"id\": \"" + i + "\", \"group\": \"" + g
                        + "\", \"text\": \"Subject: s" + i + "\\n\\nbody\"}");
            }
        }
        assertBadInput(() -> SpamAssassin.load(dir, List.of("spam-1")), "not in", "fetch-corpora spam-assassin");
        Files.writeString(dir.resolve("COMPLETE"), "");
        List<Email> all = SpamAssassin.load(dir, List.of("spam-1", "easy-ham-1"));
        assertEquals(100, all.size());
        SpamAssassin.Split a = SpamAssassin.split(all);
        SpamAssassin.Split b = SpamAssassin.split(all);
        assertEquals(a, b);
        assertEquals(100, a.train().size() + a.test().size());
        assertTrue(a.test().size() > 8 && a.test().size() < 35, "about a fifth: " + a.test().size());
        assertBadInput(() -> SpamAssassin.load(dir, List.of("ham")), "unknown SpamAssassin group 'ham'");
        Files.writeString(dir.resolve("spam-1").resolve("bad.json"), "[1,");
        assertBadInput(() -> SpamAssassin.load(dir, List.of("spam-1")), "bad.json", "not a SpamAssassin message");
    }
}
