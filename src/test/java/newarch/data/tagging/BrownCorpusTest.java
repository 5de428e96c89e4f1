package newarch.data.tagging;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newarch.data.tagging.BrownCorpus.TaggedWord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the Brown format, mapping its tags to the universal set, the fixed split, and errors that say what to do. */
class BrownCorpusTest {
    static final String TEXT = "\n\n\tThe/at Fulton/np-tl jury/nn said/vbd ``/`` no/at 1/2/cd ./.\n\n\n"
            + "\tI/ppss saw/vbd a/at saw/nn ,/, didn't/dod* it/pps ?/.\n";

    @Test
    void parsesSentencesOfWordSlashTag() {
        List<List<TaggedWord>> s = BrownCorpus.parseSentences(TEXT, "test");
        assertEquals(2, s.size());
        assertEquals(new TaggedWord("Fulton", "NOUN"), s.get(0).get(1));
        assertEquals(new TaggedWord("1/2", "NUM"), s.get(0).get(6));
        assertEquals(List.of("PRON", "VERB", "DET", "NOUN", ".", "VERB", "PRON", "."),
                s.get(1).stream().map(TaggedWord::tag).toList());
        assertEquals(List.of("i", "saw", "a", "saw", ",", "didn't", "it", "?"), BrownCorpus.words(s.get(1)));
    }

    @Test
    void mapsDecoratedBrownTagsToTheirClass() {
        assertEquals("NOUN", UniversalTags.ofBrown("nn-tl"));
        assertEquals("NOUN", UniversalTags.ofBrown("np$"));
        assertEquals("VERB", UniversalTags.ofBrown("bedz*"));
        assertEquals("VERB", UniversalTags.ofBrown("md"));
        assertEquals("PRON", UniversalTags.ofBrown("ppss+md"));
        assertEquals("ADJ", UniversalTags.ofBrown("fw-jj"));
        assertEquals("ADP", UniversalTags.ofBrown("in-hl"));
        assertEquals("PRT", UniversalTags.ofBrown("to"));
        assertEquals(".", UniversalTags.ofBrown("--"));
        assertEquals("X", UniversalTags.ofBrown("uh"));
        assertEquals(12, UniversalTags.TAGS.size());
        assertBadInput(() -> UniversalTags.id("NN"), "'NN'", "universal");
    }

    @Test
    void splitsEveryTenthSampleAndLoadsFilesInNameOrder(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 20; i++) {
            Files.writeString(dir.resolve(String.format("ca%02d", i)), "\tA/at cat/nn ./.\n");
        }
        Files.writeString(dir.resolve("README"), "not a sample");
        List<BrownCorpus.Sample> all = BrownCorpus.load(dir);
        assertEquals(20, all.size());
        BrownCorpus.Split split = BrownCorpus.split(all);
        assertEquals(List.of("ca10", "ca20"), split.test().stream().map(BrownCorpus.Sample::file).toList());
        assertEquals(18, split.train().size());
    }

    @Test
    void badInputSaysWhatIsWrong(@TempDir Path dir) {
        assertBadInput(() -> BrownCorpus.parseSentences("\tgood/jj bad ./.\n", "f"), "f line 1", "'bad'", "word/tag");
        assertBadInput(() -> BrownCorpus.load(dir.resolve("missing")), "scripts/fetch-corpora brown");
        assertBadInput(() -> BrownCorpus.load(dir), "no Brown sample files");
    }
}
