package newarch.data.tagging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The twelve coarse part-of-speech classes of Petrov, Das and McDonald's universal tagset, and the mapping of the
 * Brown corpus's 80-odd tags onto them. A Brown tag carries decorations that do not change the word class: {@code -tl}
 * (in a title), {@code -hl} (in a headline), {@code -nc} (cited), a {@code fw-} prefix (foreign word), {@code $}
 * (possessive), {@code *} (negated, as in {@code don't}) and {@code +} joining the tags of a contraction; the class is
 * that of the first part.
 */
public final class UniversalTags {
    /** The classes in label-id order. */
    public static final List<String> TAGS = List.of("NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "NUM",
            "CONJ", "PRT", ".", "X");

    private static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("nn", "NOUN"), Map.entry("nns", "NOUN"), Map.entry("np", "NOUN"), Map.entry("nps", "NOUN"),
            Map.entry("nr", "NOUN"), Map.entry("nrs", "NOUN"),
            Map.entry("md", "VERB"),
            Map.entry("jj", "ADJ"), Map.entry("jjr", "ADJ"), Map.entry("jjs", "ADJ"), Map.entry("jjt", "ADJ"),
            Map.entry("rb", "ADV"), Map.entry("rbr", "ADV"), Map.entry("rbt", "ADV"), Map.entry("rn", "ADV"),
            Map.entry("ql", "ADV"), Map.entry("qlp", "ADV"), Map.entry("wrb", "ADV"),
            Map.entry("at", "DET"), Map.entry("ap", "DET"), Map.entry("abn", "DET"), Map.entry("abx", "DET"),
            Map.entry("abl", "DET"), Map.entry("dt", "DET"), Map.entry("dti", "DET"), Map.entry("dts", "DET"),
            Map.entry("dtx", "DET"), Map.entry("wdt", "DET"), Map.entry("ex", "DET"),
            Map.entry("in", "ADP"),
            Map.entry("cd", "NUM"), Map.entry("od", "NUM"),
            Map.entry("cc", "CONJ"), Map.entry("cs", "CONJ"),
            Map.entry("rp", "PRT"), Map.entry("to", "PRT"));

    private UniversalTags() {
    }

    /** The universal class of a Brown tag ("nn-tl" → NOUN, "vbd" → VERB, "ppss+md" → PRON, "." → .). */
    public static String ofBrown(String brownTag) {
        String tag = brownTag.toLowerCase(Locale.ROOT);
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("Brown tag is empty");
        }
        if (!Character.isLetter(tag.charAt(0)) && !tag.startsWith("fw-")) {
            return ".";   // . , : ; ( ) `` '' -- and friends
        }
        if (tag.startsWith("fw-")) {
            tag = tag.substring(3);
        }
        tag = tag.split("\\+")[0].split("-")[0].replace("*", "").replace("$", "");
        if (tag.startsWith("vb") || tag.startsWith("be") || tag.startsWith("hv") || tag.startsWith("do")) {
            return "VERB";
        }
        if (tag.startsWith("pp") || tag.startsWith("wp")) {
            return "PRON";
        }
        return BASE.getOrDefault(tag, "X");
    }

    /** The label id of a universal class. */
    public static int id(String universalTag) {
        int i = TAGS.indexOf(universalTag);
        if (i < 0) {
            throw new IllegalArgumentException("'" + universalTag + "' is not a universal tag (known: " + TAGS + ")");
        }
        return i;
    }
}
