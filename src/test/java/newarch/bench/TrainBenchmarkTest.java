package newarch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import newarch.cli.Main;
import newarch.tensor.MatMulTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBenchmarkTest {
    @Test
    void quickTrainWritesThroughputAndMatmulShare(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, Main.run(new String[] {"bench", "train", "--quick", "--out", out.toString()}));
        JsonArray rows = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonArray();
        assertEquals(2, rows.size());
        JsonObject tps = rows.get(0).getAsJsonObject();
        assertEquals("tokens_per_second", tps.get("metric").getAsString());
        assertTrue(tps.get("value").getAsDouble() > 0);
        double share = tps.getAsJsonObject("params").get("matmul_share").getAsDouble();
        assertTrue(share > 0 && share < 1, "share " + share);
        assertEquals(share, tps.get("ratio").getAsDouble(), 1e-3, "ratio = tokens/s over matmul-only tokens/s");
        JsonObject s = rows.get(1).getAsJsonObject();
        assertEquals("matmul_share", s.get("metric").getAsString());
        assertEquals(share, s.get("value").getAsDouble(), 1e-3);
        assertTrue(!MatMulTimer.isEnabled(), "the timer is off again");
    }
}
