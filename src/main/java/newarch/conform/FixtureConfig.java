package newarch.conform;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Typed access to a fixture's {@code config} object; a missing or mistyped key is a one-line error naming it. */
public final class FixtureConfig {
    private final JsonObject json;
    private final String fixture;

    FixtureConfig(JsonObject json, String fixture) {
        this.json = json;
        this.fixture = fixture;
    }

    /**
     * Typed access to any Hugging Face-style configuration object (a fixture's config, a model's config.json);
     * {@code source} names it in error messages.
     */
    public static FixtureConfig of(JsonObject json, String source) {
        return new FixtureConfig(json, source);
    }

    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    public int integer(String key) {
        return (int) number(key);
    }

    public int integer(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    public double real(String key) {
        return number(key);
    }

    public double real(String key, double fallback) {
        return has(key) ? real(key) : fallback;
    }

    public boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw error(key, "must be true or false");
        }
        return e.getAsBoolean();
    }

    public String text(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = json.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw error(key, "must be a string");
        }
        return e.getAsString();
    }

    /** An integer or a list of integers (e.g. LayerNorm's normalized_shape). */
    public long[] integers(String key) {
        JsonElement e = require(key);
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            long[] out = new long[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i).getAsLong();
            }
            return out;
        }
        return new long[] {(long) number(key)};
    }

    public String[] texts(String key) {
        JsonElement e = require(key);
        if (!e.isJsonArray()) {
            throw error(key, "must be a list of strings");
        }
        JsonArray a = e.getAsJsonArray();
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsString();
        }
        return out;
    }

    private double number(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw error(key, "must be a number but is " + e);
        }
        return e.getAsDouble();
    }

    private JsonElement require(String key) {
        if (!has(key)) {
            throw error(key, "is missing");
        }
        return json.get(key);
    }

    private FixtureException error(String key, String what) {
        return new FixtureException(fixture + ": config key '" + key + "' " + what);
    }
}
