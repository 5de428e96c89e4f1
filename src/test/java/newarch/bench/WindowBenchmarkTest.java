package newarch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import newarch.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowBenchmarkTest {
    @Test
    void quickWindowWritesOneRowPerWindowAgainstFullMaskedAttention(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, Main.run(new String[] {"bench", "window", "--quick", "--iters", "1", "--warmup", "0",
            "--out", out.toString()}));
        JsonArray rows = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonArray();
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            assertEquals("window", r.get("name").getAsString());
            assertEquals("time_vs_full_masked", r.get("metric").getAsString());
            assertEquals("ms", r.get("unit").getAsString());
            assertTrue(r.get("value").getAsDouble() > 0 && r.get("baseline").getAsDouble() > 0);
            assertEquals(256, r.getAsJsonObject("params").get("len").getAsInt());
        }
        assertEquals(8, rows.get(0).getAsJsonObject().getAsJsonObject("params").get("window").getAsInt());
    }
}
