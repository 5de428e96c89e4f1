package newarch.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a safetensors file before the data: an 8-byte little-endian length, then that
 * many bytes of JSON describing each tensor, plus optional string metadata under
 * {@code __metadata__}.
 */
record SafetensorsHeader(List<SafetensorsEntry> entries, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";
    private static final int ALIGNMENT = 8;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /**
     * Reads and validates the header, leaving {@code bytes} positioned at the start of the data
     * buffer. Every entry is checked against the buffer, so callers can slice it without checks.
     */
    static SafetensorsHeader read(ByteBuffer bytes, Path file) {
        if (bytes.remaining() < Long.BYTES) {
            throw new SafetensorsFormatException(file, "file has " + bytes.remaining()
                    + " bytes, too few for the 8-byte header length");
        }
        long length = bytes.getLong();
        if (Long.compareUnsigned(length, bytes.remaining()) > 0) {
            throw new SafetensorsFormatException(file, "header length " + Long.toUnsignedString(length)
                    + " exceeds the " + bytes.remaining() + " bytes that follow it");
        }
        String json = new String(bytes.array(), bytes.position(), (int) length, StandardCharsets.UTF_8);
        bytes.position(bytes.position() + (int) length);
        return parse(json, bytes.remaining(), file);
    }

    private static SafetensorsHeader parse(String json, long bufferSize, Path file) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            // Gson appends a troubleshooting link on a second line; the first says what is wrong.
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new SafetensorsFormatException(file, "header is not valid JSON (" + reason + ")");
        }
        if (!root.isJsonObject()) {
            throw new SafetensorsFormatException(file, "header is not a JSON object");
        }
        List<SafetensorsEntry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> member : root.getAsJsonObject().entrySet()) {
            if (member.getKey().equals(METADATA_KEY)) {
                metadata = metadata(member.getValue(), file);
            } else {
                entries.add(entry(member.getKey(), member.getValue(), bufferSize, file));
            }
        }
        requireDisjoint(entries, file);
        return new SafetensorsHeader(entries, metadata);
    }

    private static Map<String, String> metadata(JsonElement value, Path file) {
        if (!value.isJsonObject()) {
            throw new SafetensorsFormatException(file, METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> item : value.getAsJsonObject().entrySet()) {
            if (!(item.getValue() instanceof JsonPrimitive p) || !p.isString()) {
                throw new SafetensorsFormatException(file, METADATA_KEY + " value of '" + item.getKey() + "' is not a string");
            }
            metadata.put(item.getKey(), p.getAsString());
        }
        return metadata;
    }

    private static SafetensorsEntry entry(String name, JsonElement value, long bufferSize, Path file) {
        if (!value.isJsonObject()) {
            throw new SafetensorsFormatException(file, name, "entry is not a JSON object");
        }
        JsonObject fields = value.getAsJsonObject();
        if (!(fields.get("dtype") instanceof JsonPrimitive dtypeName) || !dtypeName.isString()) {
            throw new SafetensorsFormatException(file, name, "dtype is missing or not a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.named(dtypeName.getAsString())
                .orElseThrow(() -> new SafetensorsFormatException(file, name, "unsupported dtype '" + dtypeName.getAsString()
                        + "' (supported: " + Arrays.toString(SafetensorsDtype.values()) + ")"));
        long[] shape = nonNegativeIntegers(fields.get("shape"));
        if (shape == null) {
            throw new SafetensorsFormatException(file, name, "shape is missing or not a list of non-negative integers");
        }
        long[] offsets = nonNegativeIntegers(fields.get("data_offsets"));
        if (offsets == null || offsets.length != 2) {
            throw new SafetensorsFormatException(file, name, "data_offsets is missing or not [begin, end]");
        }
        if (offsets[0] > offsets[1] || offsets[1] > bufferSize) {
            throw new SafetensorsFormatException(file, name, "data_offsets " + Arrays.toString(offsets)
                    + " lie outside the " + bufferSize + "-byte data buffer");
        }
        SafetensorsEntry entry = new SafetensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        long needed;
        try {
            needed = TensorBytes.byteSize(dtype.dataType(), shape);
        } catch (ArithmeticException e) {
            throw new SafetensorsFormatException(file, name, "shape " + Arrays.toString(shape) + " is too large");
        }
        if (entry.size() != needed) {
            throw new SafetensorsFormatException(file, name, "data_offsets " + Arrays.toString(offsets) + " hold "
                    + entry.size() + " bytes but " + dtype + " shape " + Arrays.toString(shape) + " needs " + needed);
        }
        return entry;
    }

    /** The values of a JSON array of non-negative integers, or null if it is anything else. */
    private static long[] nonNegativeIntegers(JsonElement value) {
        if (value == null || !value.isJsonArray()) {
            return null;
        }
        JsonArray array = value.getAsJsonArray();
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(array.get(i) instanceof JsonPrimitive p) || !p.isNumber()) {
                return null;
            }
            try {
                values[i] = p.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
            if (values[i] < 0) {
                return null;
            }
        }
        return values;
    }

    /** Tensors must not share bytes; empty tensors occupy none, so they never clash. */
    private static void requireDisjoint(List<SafetensorsEntry> entries, Path file) {
        List<SafetensorsEntry> byBegin = entries.stream()
                .filter(e -> e.size() > 0)
                .sorted(Comparator.comparingLong(SafetensorsEntry::begin))
                .toList();
        for (int i = 1; i < byBegin.size(); i++) {
            SafetensorsEntry previous = byBegin.get(i - 1);
            SafetensorsEntry current = byBegin.get(i);
            if (current.begin() < previous.end()) {
                throw new SafetensorsFormatException(file, current.name(), "data_offsets [" + current.begin() + ", "
                        + current.end() + "] overlap tensor '" + previous.name() + "' at ["
                        + previous.begin() + ", " + previous.end() + "]");
            }
        }
    }

    /** The length prefix and JSON, padded with spaces so the data buffer starts 8-byte aligned. */
    byte[] toBytes() {
        JsonObject root = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            root.add(METADATA_KEY, meta);
        }
        for (SafetensorsEntry entry : entries) {
            JsonObject fields = new JsonObject();
            fields.addProperty("dtype", entry.dtype().name());
            JsonArray shape = new JsonArray();
            Arrays.stream(entry.shape()).forEach(shape::add);
            fields.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(entry.begin());
            offsets.add(entry.end());
            fields.add("data_offsets", offsets);
            root.add(entry.name(), fields);
        }
        byte[] json = GSON.toJson(root).getBytes(StandardCharsets.UTF_8);
        int padding = Math.floorMod(-json.length, ALIGNMENT);
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES + json.length + padding).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length + padding).put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }
}
