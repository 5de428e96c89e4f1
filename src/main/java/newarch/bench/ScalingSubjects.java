package newarch.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of {@link ScalingSubject}s, in plot order. */
public final class ScalingSubjects {
    private static final Map<String, ScalingSubject> ALL = new LinkedHashMap<>();

    static {
        register(new FullAttentionSubject());
        register(new LshAttentionSubject());
        register(new WindowedAttentionSubject());
        register(new RseSubject(false));
        register(new RseSubject(true));
    }

    private ScalingSubjects() {
    }

    public static void register(ScalingSubject s) {
        ALL.put(s.name(), s);
    }

    public static List<ScalingSubject> all() {
        return List.copyOf(ALL.values());
    }

    public static ScalingSubject named(String name) {
        ScalingSubject s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown scaling subject '" + name + "' (known: "
                    + String.join(", ", ALL.keySet()) + ")");
        }
        return s;
    }
}
