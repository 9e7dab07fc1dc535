package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of the foundation issue exits 2 with one line on stderr that names the file or option, the
 * field and the value or problem; no stack trace; nothing written to the output directory.
 */
class BadInputTest {
    @TempDir
    static Path tmp;

    private static final String GOOD_ARCH = """
            name: tiny
            clock_mhz: 100
            units:
              array: {type: nm-array, rows: 4, cols: 4, supported_m: [4, 8], buffer: glb}
              vec: {type: vector-unit, lanes: 4, buffer: glb}
              glb: {type: buffer, capacity_kib: 64, bytes_per_cycle: 64}
              dram: {type: dram, technology: hbm2, channels: 1}
            """;

    private static final String GOOD_WORKLOAD = """
            name: two-layers
            inputs: {x: [8, 16]}
            operators:
              - {name: fc1, type: gemm, inputs: [x], m: 8, k: 16, n: 16}
              - {name: fc2, type: gemm, inputs: [fc1], m: 8, k: 16, n: 8}
            sparsity:
              fc1: {nm: {n: 2, m: 8, dim: k}}
            """;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> c = new ArrayList<>();
        Path arch = write("arch.yaml", GOOD_ARCH);
        Path work = write("work.yaml", GOOD_WORKLOAD);
        c.add(Arguments.of("malformed YAML", List.of("--arch", write("malformed.yaml",
                "name: x\nunits:\n  array: {type: nm-array, rows: [4\n").toString(), "--workload", work.toString()),
                List.of("malformed.yaml:3:", "malformed YAML")));
        c.add(Arguments.of("unknown key", List.of("--arch", write("unknown.yaml",
                GOOD_ARCH.replace("rows: 4", "rowz: 4")).toString(), "--workload", work.toString()),
                List.of("unknown.yaml", "units.array", "unknown key 'rowz'")));
        c.add(Arguments.of("unknown preset", List.of("--arch", "tpu-v9", "--workload", work.toString()),
                List.of("--arch", "'tpu-v9'", "sat-vcu1525, sat-16x16-ws, spatten, spatten-1-8, flightllm-u280, flightllm-vhk158")));
        c.add(Arguments.of("cycle", List.of("--arch", arch.toString(), "--workload", write("cycle.yaml",
                GOOD_WORKLOAD.replace("inputs: [x], m: 8, k: 16, n: 16", "inputs: [fc2], m: 8, k: 8, n: 16")
                        .replace("m: 8, k: 16, n: 8", "m: 8, k: 16, n: 8").replace("fc1: {nm: {n: 2, m: 8, dim: k}}", "{}")
                        .replace("sparsity:\n  {}", "")).toString()),
                List.of("cycle.yaml", "cycle", "fc1 -> fc2 -> fc1")));
        c.add(Arguments.of("mismatched shapes", List.of("--arch", arch.toString(), "--workload", write("shape.yaml",
                GOOD_WORKLOAD.replace("m: 8, k: 16, n: 8", "m: 8, k: 32, n: 8")).toString()),
                List.of("shape.yaml", "edge fc1 -> fc2", "[8x16]", "[8x32]")));
        c.add(Arguments.of("N > M", List.of("--arch", arch.toString(), "--workload", write("ngtm.yaml",
                GOOD_WORKLOAD.replace("n: 2, m: 8", "n: 9, m: 8")).toString()),
                List.of("ngtm.yaml", "sparsity.fc1.nm.n", "9:8")));
        c.add(Arguments.of("M does not divide the dimension", List.of("--arch", arch.toString(), "--workload",
                write("mdiv.yaml", GOOD_WORKLOAD.replace("n: 2, m: 8", "n: 2, m: 32")).toString()),
                List.of("mdiv.yaml", "sparsity.fc1.nm", "M=32 does not divide k=16")));
        c.add(Arguments.of("zero size", List.of("--arch", arch.toString(), "--workload", write("zero.yaml",
                GOOD_WORKLOAD.replace("m: 8, k: 16, n: 8", "m: 8, k: 16, n: 0")).toString()),
                List.of("zero.yaml", "operators[1].n", "got 0")));
        c.add(Arguments.of("negative size", List.of("--arch", write("neg.yaml",
                GOOD_ARCH.replace("cols: 4", "cols: -4")).toString(), "--workload", work.toString()),
                List.of("neg.yaml", "units.array.cols", "-4")));
        c.add(Arguments.of("incompatible unit", List.of("--arch", arch.toString(), "--workload", work.toString(),
                "--mapping", write("map.yaml", "operators:\n  fc2: {unit: vec}\n").toString()),
                List.of("map.yaml", "operators.fc2.unit", "'vec' (vector-unit) cannot run")));
        c.add(Arguments.of("tile fits no buffer", List.of("--arch", arch.toString(), "--workload", work.toString(),
                "--set", "units.glb.capacity_kib=0.03125"),
                List.of("units.glb.capacity_kib", "no tile of 'fc1'", "the unit's share of the buffer holds 16 B")));
        c.add(Arguments.of("mapping tile too big", List.of("--arch", write("small.yaml",
                GOOD_ARCH.replace("capacity_kib: 64", "capacity_kib: 1")).toString(), "--workload", work.toString(),
                "--mapping", write("bigtile.yaml", "operators:\n  fc1: {tile: {m: 8, k: 16, n: 16}}\n  fc2: {tile: {m: 8, k: 16, n: 8}}\n").toString(),
                "--set", "workload.operators.0.k=64", "--set", "workload.inputs.x=[8, 64]"),
                List.of("bigtile.yaml", "operators.fc1.tile", "holds 512 B of 1024 B")));
        c.add(Arguments.of("bad --param", List.of("--arch", "sat-vcu1525", "--workload", "mlp-train-nm",
                "--param", "batch=many"), List.of("--param", "batch", "'many'")));
        c.add(Arguments.of("missing file", List.of("--arch", tmp.resolve("nope.yaml").toString(), "--workload",
                work.toString()), List.of("nope.yaml", "no such file")));
        // SCALE-Sim configurations (issue "SCALE-Sim configurations mean what SCALE-Sim means")
        Path topo = write("topo.csv", "Layer, M, N, K,\nG1, 64, 64, 64,\n");
        String cfg = "[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\n"
                + "OfmapSramSzkB: 64\nDataflow: os\nBandwidth: 10\n[layout]\nIfmapSRAMBankBandwidth: 10\n"
                + "FilterSRAMBankBandwidth: 10\n[sparsity]\nSparsitySupport: false\n[run_presets]\nInterfaceBandwidth: USER\n";
        c.add(Arguments.of("cfg missing section", List.of("--arch", "scalesim-cfg:" + write("nosec.cfg",
                cfg.substring(0, cfg.indexOf("[run_presets]"))), "--workload", "scalesim-topology:" + topo),
                List.of("nosec.cfg", "[run_presets]", "missing section")));
        c.add(Arguments.of("cfg non-numeric size", List.of("--arch", "scalesim-cfg:" + write("size.cfg",
                cfg.replace("FilterSramSzkB: 64", "FilterSramSzkB: 64kB")), "--workload", "scalesim-topology:" + topo),
                List.of("size.cfg:5:", "[architecture_presets] FilterSramSzkB", "'64kB'")));
        c.add(Arguments.of("cfg unknown dataflow", List.of("--arch", "scalesim-cfg:" + write("df.cfg",
                cfg.replace("Dataflow: os", "Dataflow: rs")), "--workload", "scalesim-topology:" + topo),
                List.of("df.cfg:7:", "[architecture_presets] Dataflow", "'rs'")));
        c.add(Arguments.of("cfg unmodelled key", List.of("--arch", "scalesim-cfg:" + write("sparse.cfg",
                cfg.replace("SparsitySupport: false", "SparsitySupport: true")), "--workload", "scalesim-topology:" + topo),
                List.of("sparse.cfg:13:", "[sparsity] SparsitySupport", "not modelled")));
        c.add(Arguments.of("cfg USER without read bandwidth", List.of("--arch", "scalesim-cfg:" + write("nobank.cfg",
                cfg.replace("IfmapSRAMBankBandwidth: 10\n", "")), "--workload", "scalesim-topology:" + topo),
                List.of("nobank.cfg", "[layout] IfmapSRAMBankBandwidth", "missing")));
        c.add(Arguments.of("tile on a partitioned buffer", List.of("--arch", "scalesim-cfg:" + write("ok.cfg", cfg),
                "--workload", "scalesim-topology:" + topo, "--mapping", write("ptile.yaml",
                        "operators:\n  G1: {tile: {m: 8, k: 64, n: 8}}\n").toString()),
                List.of("ptile.yaml", "operators.G1.tile", "partitioned per operand")));
        // 2e6 x 2e9 x 2e9 = 8e24 MACs: more than a long counts; refused before any model runs
        c.add(Arguments.of("work beyond what the model counts", List.of("--arch", arch.toString(), "--workload",
                write("huge.yaml", "name: huge\ninputs: {a: [2000000, 2000000000]}\noperators:\n"
                        + "  - {name: g, type: gemm, inputs: [a], m: 2000000, k: 2000000000, n: 2000000000}\n").toString()),
                List.of("huge.yaml", "operators[0].", "'g'", "8.00e+24", "2^56")));
        // a top-k engine walks its rows one by one: 5 million rows are more than it walks (a plain GEMM of millions of
        // tiles is no longer refused: its steady state is skipped)
        c.add(Arguments.of("tile program beyond what the model walks", List.of("--arch", "spatten", "--workload",
                write("long.yaml", "name: long\ninputs: {s: [5000000, 64]}\noperators:\n"
                        + "  - {name: g, type: topk, inputs: [s], rows: 5000000, n: 64, k: 8, bits: 12}\n").toString()),
                List.of("long.yaml", "operators.g", "tile program", "5.00e+06 rows", "4,194,304")));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsTwoWithOneClearLineAndNoReport(String name, List<String> args, List<String> mustMention) throws IOException {
        Path out = tmp.resolve("out-" + name.replace(' ', '_'));
        List<String> all = new ArrayList<>(List.of("simulate"));
        all.addAll(args);
        all.addAll(List.of("--out", out.toString()));
        CliRunner r = CliRunner.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList(); // progress lines start with [
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("sparcade: error: ").contains(mustMention);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.toList()).as("no partial report").isEmpty();
            }
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
