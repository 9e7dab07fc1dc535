package io.sparcade.verilator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparcade.rtl.Design;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthesises a design with Yosys {@code synth_xilinx -family xc7 -noiopad -flatten} in its own work directory
 * and counts the mapped cells: LUT1..LUT6, flip-flops (FDRE/FDSE/FDCE/FDPE), DSP48E1 and block RAM (RAMB36E1 = 1,
 * RAMB18E1 = 0.5).
 */
public final class YosysSynth {
    /** Wall-clock bound of one synthesis run. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private YosysSynth() {
    }

    /** Cell counts of a synthesised design; {@code cells} holds every mapped cell type. */
    public record Result(long lut, long ff, long dsp48, double bram, Map<String, Long> cells, Path log) {
    }

    public static Command command(Design d, List<String> files, Path dir) {
        return command(d.top(), files, dir);
    }

    static Command command(String top, List<String> files, Path dir) {
        return command(top, Map.of(), files, dir);
    }

    /** The Yosys command; {@code params} set parameters of module {@code top} (chparam) before synthesis. */
    static Command command(String top, Map<String, Long> params, List<String> files, Path dir) {
        StringBuilder chparam = new StringBuilder();
        if (!params.isEmpty()) {
            chparam.append("chparam");
            new TreeMap<>(params).forEach((k, v) -> chparam.append(" -set ").append(k).append(' ').append(v));
            chparam.append(' ').append(top).append("; ");
        }
        String script = "read_verilog -sv " + String.join(" ", files) + "; " + chparam + "synth_xilinx -family xc7 -noiopad "
                + "-flatten -top " + top + "; tee -q -o stat.json stat -json";
        return new Command(List.of("yosys", "-q", "-l", "yosys.log", "-p", script), Map.of(), dir);
    }

    public static Result run(Design d, Path workDir) {
        return run(d, d.top(), workDir);
    }

    /** Synthesises module {@code top} of the design (a layer engine's compute core, for instance). */
    public static Result run(Design d, String top, Path workDir) {
        return run(d, top, Map.of(), workDir);
    }

    /**
     * Synthesises module {@code top} of the design with its parameters set to {@code params} (a leaf module
     * synthesised on its own, at the engine's parameters or shrunk ones).
     */
    public static Result run(Design d, String top, Map<String, Long> params, Path workDir) {
        Tools.require("yosys", "yosys");
        try {
            Files.createDirectories(workDir);
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> f : d.files().entrySet()) {
                Files.writeString(workDir.resolve(f.getKey()), f.getValue());
                files.add(f.getKey());
            }
            Path log = workDir.resolve("yosys.log");
            int rc = Tools.run(command(top, params, files, workDir), workDir.resolve("yosys.out"), TIMEOUT,
                    "yosys synthesis of " + d.label());
            Path stat = workDir.resolve("stat.json");
            if (rc != 0 || !Files.exists(stat)) {
                throw new SimulationException("yosys synthesis of " + d.label() + " failed (exit code " + rc + "); log: " + log);
            }
            JsonNode cells = new ObjectMapper().readTree(stat.toFile()).path("design").path("num_cells_by_type");
            Map<String, Long> counts = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = cells.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                counts.put(e.getKey(), e.getValue().asLong());
            }
            long lut = 0;
            long ff = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (e.getKey().matches("LUT[1-6]")) {
                    lut += e.getValue();
                } else if (e.getKey().matches("FD[RSCP]E")) {
                    ff += e.getValue();
                }
            }
            double bram = counts.getOrDefault("RAMB36E1", 0L) + 0.5 * counts.getOrDefault("RAMB18E1", 0L);
            return new Result(lut, ff, counts.getOrDefault("DSP48E1", 0L), bram, counts, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
