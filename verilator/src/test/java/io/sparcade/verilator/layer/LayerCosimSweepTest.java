package io.sparcade.verilator.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;
import io.sparcade.verilator.RtlSimulator;
import io.sparcade.verilator.Tolerances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer cross-check sweep: seeded random layers, scheduled and tiled as {@code simulate} does (or with a
 * random user tile and loop order), through the op-level model and the RTL engine of their unit. GEMMs on N:M
 * arrays: shapes odd (not multiples of the array), arrays square and not, all three dataflows, dense and two
 * N:M ratios (2:4, 1:8; 1:8 runs dense on the arrays whose multiplexers stop at M = 4). GEMMs on DSP chains:
 * matrix and vector (m = 1, decode) products, dense and 2:4, INT8-packed and not, segments shorter than the
 * chain. Quick-select top-k: 1 to 4 rows, k from 1 to n - 1. All: single and double buffering, DRAM from
 * memory-bound to compute-bound, latency 0 to 30 cycles; every sixth layer also on Icarus. Outputs must match
 * bit for bit, compute cycles exactly, cycles and DRAM bytes within {@link Tolerances}. Engines are small (at
 * most 6 x 5 PEs, 3 chains of 6 DSPs) so the suite's builds stay few (one per engine, cached) and runs short.
 */
class LayerCosimSweepTest {
    static final long SEED = 20241129L;
    static final int ARRAY_LAYERS = 36;
    static final int CHAIN_LAYERS = 14;
    static final int TOPK_LAYERS = 10;

    /** The engines the sweep builds: rows, cols, dataflow, supported M. */
    static final String[][] ARRAYS = {
        {"4", "4", "os", "[4, 8]"}, {"4", "4", "ws", "[4, 8]"}, {"4", "4", "is", "[4, 8]"},
        {"5", "3", "os", "[4]"}, {"3", "6", "ws", "[4]"}, {"6", "5", "is", "[4]"},
    };

    record Case(int id, String simulator, String arch, String workload, String mapping, String summary) {
        @Override
        public String toString() {
            return id + " " + simulator + " " + summary;
        }
    }

    static final Map<String, Integer> COVERAGE = new ConcurrentHashMap<>();

    /** The DSP-chain engines: chains, groups, supported M, INT8 packing. */
    static final String[][] CHAINS = {{"3", "2", "[4]", "true"}, {"2", "3", "[8]", "false"}};

    static String dram(double bytesPerCycle, int latencyNs) {
        // at 500 MHz, b bytes per cycle are b/2 GB/s
        return String.format(Locale.ROOT, "{type: dram, technology: generic, channels: 1, gb_per_s_per_channel: %s, "
                + "efficiency: 1.0, latency_ns: %d}", bytesPerCycle / 2, latencyNs);
    }

    static Stream<Arguments> layers() {
        SplittableRandom rng = new SplittableRandom(SEED);
        List<Arguments> out = new ArrayList<>();
        chainLayers(new SplittableRandom(SEED + 1), out);
        topkLayers(new SplittableRandom(SEED + 2), out);
        for (int i = 0; i < ARRAY_LAYERS; i++) {
            String[] a = ARRAYS[i % ARRAYS.length];
            double bw = new double[] {1.5, 4, 12}[rng.nextInt(3)];
            double kib = new double[] {1, 2, 4}[rng.nextInt(3)];
            boolean db = rng.nextInt(4) != 0;
            int latencyNs = new int[] {0, 10, 60}[rng.nextInt(3)];
            String arch = String.format(Locale.ROOT, """
                    name: sweep
                    clock_mhz: 500
                    units:
                      array: {type: nm-array, rows: %s, cols: %s, dataflow: %s, precision_bits: 8, supported_m: %s, buffer: glb}
                      glb: {type: buffer, capacity_kib: %s, bytes_per_cycle: 100000, double_buffered: %s}
                      dram: %s
                    """, a[0], a[1], a[2], a[3], kib, db, dram(bw, latencyNs));
            String[] ratios = {"dense", "2:4", "1:8"};
            String nm = ratios[rng.nextInt(3)];
            int groupM = nm.equals("dense") ? 1 : Integer.parseInt(nm.substring(2));
            long m = 1 + rng.nextInt(24);
            long n = 1 + rng.nextInt(24);
            long k = groupM > 1 ? 8L * (1 + rng.nextInt(6)) : 1 + rng.nextInt(40);
            boolean matmul = nm.equals("dense") && rng.nextInt(4) == 0;
            int wbits = rng.nextInt(5) == 0 ? 4 : 8;
            String op;
            String inputs;
            if (matmul) {
                inputs = "  x: [2, " + m + ", " + k + "]\n  y: [2, " + k + ", " + n + "]\n";
                op = "  - {name: op, type: matmul, inputs: [x, y], batch: 2, m: " + m + ", k: " + k + ", n: " + n + "}\n";
            } else {
                inputs = "  x: [" + m + ", " + k + "]\n";
                op = "  - {name: op, type: gemm, inputs: [x], m: " + m + ", k: " + k + ", n: " + n + ", bits: 8, weight_bits: "
                        + wbits + "}\n";
            }
            String workload = "name: layer\ninputs:\n" + inputs + "operators:\n" + op
                    + (nm.equals("dense") ? "" : "sparsity:\n  op: {nm: {n: " + nm.charAt(0) + ", m: " + groupM + ", dim: k}}\n");
            String mapping = null;
            String tileText = "auto";
            if (rng.nextBoolean()) {
                long kIter = nm.equals("dense") ? k : k * (nm.charAt(0) - '0') / groupM;
                long tm = 1 + rng.nextInt((int) m);
                long tk = 1 + rng.nextInt((int) kIter);
                long tn = 1 + rng.nextInt((int) n);
                String order = rng.nextBoolean() ? "mn" : "nm";
                mapping = "operators:\n  op: {unit: array, tile: {m: " + tm + ", k: " + tk + ", n: " + tn + "}, loop_order: "
                        + order + "}\n";
                tileText = tm + "x" + tk + "x" + tn + " " + order;
            }
            String summary = String.format(Locale.ROOT, "%sx%s %s %s %s%dx%dx%d %s, %.0f KiB %s, %.1f B/cycle %d ns, tile %s", a[0],
                    a[1], a[2], nm, matmul ? "batch 2 " : "", m, k, n, wbits == 4 ? "w4" : "w8", kib, db ? "double" : "single", bw,
                    latencyNs, tileText);
            out.add(Arguments.of(new Case(i, "verilator", arch, workload, mapping, summary)));
            if (i % 6 == 0 && i % ARRAYS.length < 3) {
                out.add(Arguments.of(new Case(i, "icarus", arch, workload, mapping, summary)));
            }
        }
        return out.stream();
    }

    static void chainLayers(SplittableRandom rng, List<Arguments> out) {
        for (int i = 0; i < CHAIN_LAYERS; i++) {
            int id = 100 + i;
            String[] c = CHAINS[i % CHAINS.length];
            int groupM = Integer.parseInt(c[2].substring(1, c[2].length() - 1));
            double bw = new double[] {1.5, 4, 12}[rng.nextInt(3)];
            int latencyNs = new int[] {0, 10, 60}[rng.nextInt(3)];
            boolean db = rng.nextInt(4) != 0;
            String arch = String.format(Locale.ROOT, """
                    name: sweep-dsp
                    clock_mhz: 500
                    units:
                      dsp: {type: dsp-chain, chains: %s, groups_per_chain: %s, dsps_per_group: 2, int8_packing: %s, supported_m: %s, precision_bits: 8, buffer: buf}
                      buf: {type: buffer, capacity_kib: 2, bytes_per_cycle: 100000, double_buffered: %s}
                      dram: %s
                    """, c[0], c[1], c[3], c[2], db, dram(bw, latencyNs));
            boolean sparse = rng.nextBoolean();
            long m = rng.nextInt(3) == 0 ? 1 : 1 + rng.nextInt(12);
            long k = groupM * (1L + rng.nextInt(5));
            long n = 1 + rng.nextInt(30);
            int nmN = groupM / 2;
            String workload = "name: layer\ninputs:\n  x: [" + m + ", " + k + "]\noperators:\n"
                    + "  - {name: op, type: gemm, inputs: [x], m: " + m + ", k: " + k + ", n: " + n + "}\n"
                    + (sparse ? "sparsity:\n  op: {nm: {n: " + nmN + ", m: " + groupM + ", dim: k}}\n" : "");
            String summary = String.format(Locale.ROOT, "%s chains x %s groups%s %s %dx%dx%d, %s, %.1f B/cycle %d ns", c[0], c[1],
                    c[3].equals("true") ? " packed" : "", sparse ? nmN + ":" + groupM : "dense", m, k, n, db ? "double" : "single", bw,
                    latencyNs);
            out.add(Arguments.of(new Case(id, "verilator", arch, workload, null, summary)));
            if (i % 6 == 0) {
                out.add(Arguments.of(new Case(id, "icarus", arch, workload, null, summary)));
            }
        }
    }

    static void topkLayers(SplittableRandom rng, List<Arguments> out) {
        for (int i = 0; i < TOPK_LAYERS; i++) {
            int id = 200 + i;
            double bw = new double[] {1.5, 4, 12}[rng.nextInt(3)];
            int latencyNs = new int[] {0, 10, 60}[rng.nextInt(3)];
            boolean db = rng.nextInt(4) != 0;
            String arch = String.format(Locale.ROOT, """
                    name: sweep-topk
                    clock_mhz: 500
                    units:
                      topk: {type: topk-engine, lanes: 5, algorithm: quick-select, precision_bits: 12, buffer: buf}
                      buf: {type: buffer, capacity_kib: 4, bytes_per_cycle: 100000, double_buffered: %s}
                      dram: %s
                    """, db, dram(bw, latencyNs));
            long rows = 1 + rng.nextInt(4);
            long n = 2 + rng.nextInt(199);
            long k = 1 + rng.nextInt((int) n - 1);
            int bits = 6 + rng.nextInt(7);
            String workload = "name: layer\ninputs:\n  s: [" + rows + ", " + n + "]\noperators:\n"
                    + "  - {name: op, type: topk, inputs: [s], rows: " + rows + ", n: " + n + ", k: " + k + ", bits: " + bits + "}\n";
            String summary = String.format(Locale.ROOT, "top-%d of %d x %d rows, %d-bit, %s, %.1f B/cycle %d ns", k, n, rows, bits,
                    db ? "double" : "single", bw, latencyNs);
            out.add(Arguments.of(new Case(id, "verilator", arch, workload, null, summary)));
            if (i % 6 == 0) {
                out.add(Arguments.of(new Case(id, "icarus", arch, workload, null, summary)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void rtlEngineMatchesTheModel(Case c, @TempDir Path dir) throws Exception {
        Path archFile = Files.writeString(dir.resolve("arch.yaml"), c.arch());
        Path wlFile = Files.writeString(dir.resolve("workload.yaml"), c.workload());
        Architecture arch = Specs.architecture(archFile.toString(), List.of());
        Workload w = Specs.workload(wlFile.toString(), Map.of(), List.of());
        Mapping mapping = Mapping.NONE;
        if (c.mapping() != null) {
            mapping = Specs.mapping(Files.writeString(dir.resolve("mapping.yaml"), c.mapping()), List.of());
        }
        Schedule s;
        try {
            s = new ListScheduler(new OperatorModel(), "mapping").schedule(new GraphBuilder("w").build(w), arch, mapping);
        } catch (SpecException e) {
            // a random user tile that does not fit the buffer: the scheduler's own tiling instead
            COVERAGE.merge("user tile refused", 1, Integer::sum);
            s = new ListScheduler(new OperatorModel(), "mapping").schedule(new GraphBuilder("w").build(w), arch, Mapping.NONE);
        }
        Firing f = s.firings().stream().filter(x -> x.node().name().equals("op")).findFirst().orElseThrow();
        LayerCosim.Row r = LayerCosim.run(RtlSimulator.named(c.simulator()), f.node(), f.placement(), arch, SEED + c.id(),
                dir.resolve("run"), Duration.ofSeconds(300));
        COVERAGE.merge(r.modelStallCycles() > r.modelComputeCycles() ? "memory-bound" : "compute-bound", 1, Integer::sum);
        COVERAGE.merge(f.placement().sparseMode() ? "sparse mode" : "dense mode", 1, Integer::sum);
        COVERAGE.merge(f.placement().unit().type(), 1, Integer::sum);
        if (r.detail().contains("tiles ")) {
            COVERAGE.merge("k tiles " + (r.detail().matches(".*tiles \\d+x1x\\d+") ? "whole" : "split"), 1, Integer::sum);
        }
        String row = String.format(Locale.ROOT, "%s [%s]: cycles model %d rtl %d, compute %d/%d, stall %d/%d, dram %d/%d, outputs %s",
                c, f.placement().tiling(), r.modelCycles(), r.rtlCycles(), r.modelComputeCycles(), r.rtlComputeCycles(),
                r.modelStallCycles(), r.rtlStallCycles(), r.modelDramBytes(), r.rtlDramBytes(), r.outputsMatch());
        assertThat(r.outputsMatch()).as(row).isTrue();
        assertThat(r.rtlComputeCycles()).as(row).isEqualTo(r.modelComputeCycles());
        assertThat(r.rtlDramBytes()).as(row).isEqualTo(r.modelDramBytes());
        assertThat(Tolerances.layerWithin(r.modelCycles(), r.rtlCycles(), Tolerances.LAYER_CYCLES_PCT)).as(row).isTrue();
        assertThat(r.passed()).as(row).isTrue();
    }

    @AfterAll
    static void sweepCoveredBothRegimes() {
        // the seeded sweep must exercise what it claims to
        assertThat(COVERAGE.getOrDefault("memory-bound", 0)).as(COVERAGE.toString()).isGreaterThan(5);
        assertThat(COVERAGE.getOrDefault("compute-bound", 0)).as(COVERAGE.toString()).isGreaterThan(5);
        assertThat(COVERAGE.getOrDefault("sparse mode", 0)).as(COVERAGE.toString()).isGreaterThan(5);
        assertThat(COVERAGE.getOrDefault("k tiles split", 0)).as(COVERAGE.toString()).isGreaterThan(3);
        assertThat(COVERAGE.getOrDefault("dsp-chain", 0)).as(COVERAGE.toString()).isGreaterThanOrEqualTo(CHAIN_LAYERS);
        assertThat(COVERAGE.getOrDefault("topk-engine", 0)).as(COVERAGE.toString()).isGreaterThanOrEqualTo(TOPK_LAYERS);
    }
}
