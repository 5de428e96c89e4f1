package newarch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newarch.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final List<String> KEYS = List.of("name", "params", "metric", "value", "unit", "baseline", "ratio");

    @Test
    void quickAttentionWritesBenchJson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, Main.run(new String[] {"bench", "attention", "--quick", "--out", out.toString()}));
        JsonArray rows = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonArray();
        assertFalse(rows.isEmpty());
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            for (String k : KEYS) {
                assertTrue(row.has(k), "missing " + k + " in " + row);
            }
            assertEquals("attention", row.get("name").getAsString());
            assertTrue(row.get("params").isJsonObject());
            assertTrue(row.get("value").getAsDouble() > 0, row.toString());
        }
        assertEquals(2, rows.size(), "one ratio_to_matmul and one ratio_to_samediff row for batch 1, length 64");
        JsonObject m = rows.get(0).getAsJsonObject();
        assertEquals("ratio_to_matmul", m.get("metric").getAsString());
        double expected = m.get("value").getAsDouble() / m.get("baseline").getAsDouble();
        assertEquals(expected, m.get("ratio").getAsDouble(), 1e-3 * expected + 1e-3);
        assertEquals("ratio_to_samediff", rows.get(1).getAsJsonObject().get("metric").getAsString());
    }

    @Test
    void badInputIsExitCode2(@TempDir Path tmp) throws Exception {
        assertEquals(2, Main.run(new String[] {"bench", "no-such-benchmark", "--out", tmp.toString()}));
        assertEquals(2, Main.run(new String[] {"bench", "attention", "--quick"}));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(2, Main.run(new String[] {"bench", "attention", "--quick", "--out", file.toString()}));
        assertEquals(2, Main.run(new String[] {"bench", "attention", "--iters", "0", "--out", tmp.toString()}));
    }

    @Test
    void flopFormula() {
        // B=1, L=128, d=512: forward 8·128·512² + 4·128²·512 = 268,435,456 + 33,554,432; total 3×.
        assertEquals(3L * (268_435_456L + 33_554_432L), AttentionBenchmark.flops(1, 128, 512));
        assertEquals(64, AttentionBenchmark.matmulSide(1000));
        assertEquals(1000, AttentionBenchmark.matmulSide(2_000_000_000L));
    }
}
