package newarch.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code bench.json} (SPEC §4): {@code {name, params, metric, value, unit, baseline, ratio}}, plus the
 * median times behind value and baseline and, when the baseline could not be measured, an {@code error}.
 * JSON has no NaN: a value that could not be measured is written as {@code null}.
 *
 * @param label short description of the configuration for the stdout table (not written to JSON)
 */
public record BenchResult(String name, String label, Map<String, Object> params, String metric, double value,
                          String unit, double baseline, double seconds, double baselineSeconds, String error) {

    public double ratio() {
        return value / baseline;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        JsonObject p = new JsonObject();
        params.forEach((k, v) -> p.add(k, json(v)));
        o.add("params", p);
        o.addProperty("metric", metric);
        o.add("value", number(value, 3));
        o.addProperty("unit", unit);
        o.add("baseline", number(baseline, 3));
        o.add("ratio", number(ratio(), 4));
        o.add("time_ms", number(seconds * 1e3, 3));
        o.add("baseline_time_ms", number(baselineSeconds * 1e3, 3));
        if (error != null) {
            o.addProperty("error", error);
        }
        return o;
    }

    public static String toJson(List<BenchResult> results) {
        JsonArray a = new JsonArray();
        results.forEach(r -> a.add(r.toJson()));
        Gson gson = new GsonBuilder().serializeNulls().setPrettyPrinting().create();
        return gson.toJson(a) + "\n";
    }

    private static JsonElement json(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Double d) {
            return number(d, 6);
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonElement number(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return JsonNull.INSTANCE;
        }
        return new JsonPrimitive(java.math.BigDecimal.valueOf(x)
                .setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue());
    }
}
