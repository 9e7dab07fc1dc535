package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.app.Sparcade;
import io.sparcade.dse.map.MapConstraints;
import io.sparcade.dse.map.MapOutputs;
import io.sparcade.dse.map.MapResult;
import io.sparcade.dse.map.Mapper;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.mapping.OpMapping;
import io.sparcade.model.mapping.Tile;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sparcade map} (issue 14): the exhaustive search against a brute-force enumeration written here, the
 * mapping file round trip, reproducibility from the seed, {@code simulate --mapping} reproducing the reported
 * numbers, and bad input.
 */
class MapCommandTest {
    @TempDir
    Path tmp;

    /** A 4x4 array that can run weight- or output-stationary, a vector unit, a small shared buffer. */
    static final String ARCH = """
            name: tiny-reconf
            clock_mhz: 100
            units:
              array: {type: nm-array, rows: 4, cols: 4, dataflow: ws, dataflows: [ws, os], supported_m: [4, 8], buffer: glb}
              vec: {type: vector-unit, lanes: 4, buffer: glb}
              glb: {type: buffer, capacity_kib: 2, bytes_per_cycle: 16}
              dram: {type: dram, technology: ddr4-2400, channels: 1}
            """;

    /** fc1 (2:8 sparse) feeds fc2; both GEMMs. */
    static final String WORKLOAD = """
            name: two-gemms
            inputs: {x: [16, 32]}
            operators:
              - {name: fc1, type: gemm, inputs: [x], m: 16, k: 32, n: 16}
              - {name: fc2, type: gemm, inputs: [fc1], m: 16, k: 16, n: 8}
            sparsity:
              fc1: {nm: {n: 2, m: 8, dim: k}}
            """;

    private Path arch() throws IOException {
        return write("arch.yaml", ARCH);
    }

    private Path workload() throws IOException {
        return write("work.yaml", WORKLOAD);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * Exhaustive search, with budgets above every space's size, against a brute force over the product of the two
     * nodes' map spaces: every combination is simulated whole, as {@code simulate --mapping} does (schedule and
     * fluid simulation, not the mapper's per-node pricing), and the cheapest latency must equal the mapper's.
     */
    @Test
    void exhaustiveSearchFindsTheBruteForceOptimumOfTheWholeWorkload() throws Exception {
        Architecture arch = Specs.architecture(arch().toString(), List.of());
        Workload w = Specs.workload(workload().toString(), Map.of(), List.of());
        Mapper mapper = new Mapper(arch, w, "work.yaml", MapConstraints.NONE, null,
                new Mapper.Settings(List.of(SearchStrategyKind.EXHAUSTIVE), Mapper.Settings.MAX_BUDGET, Mapper.Settings.MAX_BUDGET, Metric.LATENCY, 1, 1));
        MapResult r = mapper.run(Mapper.Listener.NONE);
        assertThat(r.nodes()).extracting(n -> n.node().name()).containsExactly("fc1", "fc2");

        // the brute force: every (unit, dataflow, tile, loop order) of each node, combined, simulated whole
        List<List<OpMapping>> options = new ArrayList<>();
        for (MapResult.NodeInfo n : r.nodes()) {
            List<OpMapping> o = new ArrayList<>();
            for (List<Object> key : n.space().keys()) {
                o.add(new OpMapping((String) key.get(0), (Tile) key.get(2), (LoopOrder) key.get(3), (Dataflow) key.get(1)));
            }
            options.add(o);
        }
        // the space is not trivial: both dataflows, several tiles, both loop orders
        assertThat(options.get(0).size()).isGreaterThan(8);
        assertThat(options.get(0)).extracting(OpMapping::dataflow).contains(Dataflow.WS, Dataflow.OS);
        Sparcade s = new Sparcade();
        double best = Double.POSITIVE_INFINITY;
        int refused = 0;
        // fc1 -> fc2 may also run fused (fc1's output stays on chip): the map space holds both
        List<List<List<String>>> fusions = List.of(List.of(), List.of(List.of("fc1", "fc2")));
        for (OpMapping a : options.get(0)) {
            for (OpMapping b : options.get(1)) {
                for (List<List<String>> fusion : fusions) {
                    Map<String, OpMapping> ops = new LinkedHashMap<>();
                    ops.put("fc1", a);
                    ops.put("fc2", b);
                    try {
                        Mapping m = new Mapping(ops, fusion);
                        SimulationResult sim = s.simulate(s.schedule(s.graph(m.applyTo(w, "brute"), "work.yaml"), arch,
                                m, "brute"));
                        best = Math.min(best, sim.seconds());
                    } catch (io.sparcade.model.SpecException tooBig) {
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).as("the 2 KiB buffer makes some tiles infeasible").isPositive();
        assertThat(r.nodes().get(0).infeasibleInSpace()).isPositive();
        assertThat(r.best().best().seconds()).isEqualTo(best);
        assertThat(r.best().best().seconds()).isLessThanOrEqualTo(r.defaults().seconds());
    }

    /** The mapping file {@code map} writes reads back to the same mapping, fusion and dataflow included. */
    @Test
    void mappingYamlRoundTrips() throws IOException {
        Map<String, OpMapping> ops = new LinkedHashMap<>();
        ops.put("fc1", new OpMapping("array", new Tile(8, 32, 4), LoopOrder.NM, Dataflow.OS));
        ops.put("fc2", new OpMapping(null, null, LoopOrder.MN, null));
        ops.put("fc3.bwd-data", new OpMapping("vec", null, null, null));
        Mapping m = new Mapping(ops, List.of(List.of("fc1", "fc2")));
        Path f = write("m.yaml", MapOutputs.yamlOf(m));
        assertThat(Specs.mapping(f, List.of())).isEqualTo(m);
        Mapping noFusion = new Mapping(ops);
        assertThat(Specs.mapping(write("n.yaml", MapOutputs.yamlOf(noFusion)), List.of())).isEqualTo(noFusion);
        Mapping unfused = new Mapping(ops, List.of());
        assertThat(Specs.mapping(write("u.yaml", MapOutputs.yamlOf(unfused)), List.of())).isEqualTo(unfused);
    }

    /** Same seed, same result (traces, mapping, counts), for every stochastic strategy and any thread count. */
    @ParameterizedTest
    @MethodSource("strategies")
    void aStrategysResultIsReproducibleFromItsSeed(SearchStrategyKind kind) throws Exception {
        Architecture arch = Specs.architecture("spatten", List.of());
        Workload w = Specs.workload("bert-base-attention", Map.of(), List.of());
        List<MapResult> runs = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            runs.add(new Mapper(arch, w, "bert-base-attention", MapConstraints.NONE, null,
                    new Mapper.Settings(List.of(kind), 12, 6, Metric.EDP, 7, threads)).run(Mapper.Listener.NONE));
        }
        MapResult a = runs.get(0);
        MapResult b = runs.get(1);
        assertThat(b.best().best().mapping()).isEqualTo(a.best().best().mapping());
        assertThat(b.best().graphTrace()).containsExactly(a.best().graphTrace());
        for (int i = 0; i < a.nodes().size(); i++) {
            assertThat(b.best().perNode().get(i).trace()).containsExactly(a.best().perNode().get(i).trace());
            assertThat(b.best().perNode().get(i).distinct()).isEqualTo(a.best().perNode().get(i).distinct());
        }
    }

    static Stream<SearchStrategyKind> strategies() {
        return Stream.of(SearchStrategyKind.RANDOM, SearchStrategyKind.HILL_CLIMB, SearchStrategyKind.GENETIC,
                SearchStrategyKind.MEMETIC);
    }

    /**
     * The acceptance run on a preset with the default budget: the files it names, and {@code simulate
     * --mapping DIR/mapping.yaml} giving the summary's best row exactly.
     */
    @Test
    void simulateWithTheWrittenMappingReproducesTheReportedNumbers() throws IOException {
        Path out = tmp.resolve("m");
        CliRunner r = CliRunner.run("map", "--arch", "spatten", "--workload", "bert-base", "--out", out.toString(),
                "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        for (String f : List.of("mapping.yaml", "map.csv", "mapspace.csv", "summary.csv", "convergence.png", "gain.png",
                "report.html")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        CSVRecord best = read(out.resolve("summary.csv")).stream().filter(x -> x.get("run").endsWith(".best"))
                .findFirst().orElseThrow();
        CSVRecord def = read(out.resolve("summary.csv")).stream().filter(x -> x.get("run").endsWith(".default"))
                .findFirst().orElseThrow();
        Path sim = tmp.resolve("s");
        CliRunner s = CliRunner.run("simulate", "--arch", "spatten", "--workload", "bert-base", "--mapping",
                out.resolve("mapping.yaml").toString(), "--out", sim.toString());
        assertThat(s.exit()).as(s.err()).isZero();
        CSVRecord again = read(sim.resolve("summary.csv")).get(0);
        for (String col : List.of("total_cycles", "energy_pj", "dram_bytes", "model_cycles")) {
            assertThat(again.get(col)).as(col).isEqualTo(best.get(col));
        }
        // and the default row is simulate without a mapping
        Path plain = tmp.resolve("p");
        assertThat(CliRunner.run("simulate", "--arch", "spatten", "--workload", "bert-base", "--out", plain.toString())
                .exit()).isZero();
        assertThat(read(plain.resolve("summary.csv")).get(0).get("energy_pj")).isEqualTo(def.get("energy_pj"));
        // edp (the default objective) never worse than the scheduler's own mapping
        double edpBest = Double.parseDouble(best.get("energy_pj")) * Double.parseDouble(best.get("time_us"));
        double edpDef = Double.parseDouble(def.get("energy_pj")) * Double.parseDouble(def.get("time_us"));
        assertThat(edpBest).isLessThanOrEqualTo(edpDef);
        // map.csv: one row per node with a map space, mapspace.csv one per strategy and node plus the workload
        List<CSVRecord> map = read(out.resolve("map.csv"));
        assertThat(map).isNotEmpty();
        assertThat(map.get(0).isMapped("best_gain")).isTrue();
        List<CSVRecord> space = read(out.resolve("mapspace.csv"));
        assertThat(space).extracting(x -> x.get("op")).contains("(workload)");
        assertThat(space.size()).isEqualTo(4 * (map.size() + 1));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--strategy", "annealing"), List.of("--strategy", "'annealing'")),
                Arguments.of(List.of("--objective", "throughput"), List.of("--objective", "'throughput'", "latency, energy or edp")),
                Arguments.of(List.of("--objective", "power"), List.of("--objective", "'power'", "latency, energy or edp")),
                Arguments.of(List.of("--budget", "0"), List.of("--budget", "0")),
                Arguments.of(List.of("--budget", "-4"), List.of("--budget", "-4")),
                Arguments.of(List.of("--budget", "2000000000"), List.of("--budget", "2000000000")),
                Arguments.of(List.of("--graph-budget", "0"), List.of("--graph-budget", "0")),
                Arguments.of(List.of("--set", "mapping.operators.fc2.unit=vec"),
                        List.of("operators.fc2.unit", "'vec' (vector-unit) cannot run")),
                Arguments.of(List.of("--set", "mapping.operators.fc2.unit=npu"), List.of("operators.fc2.unit", "no unit 'npu'")),
                Arguments.of(List.of("--set", "mapping.operators.fc2.dataflow=is"),
                        List.of("operators.fc2.dataflow", "'is'")),
                Arguments.of(List.of("--set", "mapping.operators.fc9.unit=array"), List.of("operators.fc9", "no operator")),
                Arguments.of(List.of("--forbid-unit", "array"), List.of("--forbid-unit", "array", "fc1")),
                Arguments.of(List.of("--tile-max", "q=4"), List.of("--tile-max", "q=4")));
    }

    /** One line on stderr naming the option or field and the problem, exit 2, nothing written. */
    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineExitTwoAndWritesNothing(List<String> extra, List<String> expected) throws IOException {
        Path out = tmp.resolve("bad");
        List<String> args = new ArrayList<>(List.of("map", "--arch", arch().toString(), "--workload",
                workload().toString(), "--out", out.toString(), "--no-progress"));
        args.addAll(extra);
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(expected).doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();
    }

    /** A pin is the only value searched for its field, and the best mapping keeps it. */
    @Test
    void pinnedFieldsAreKeptAndCounted() throws IOException {
        Path out = tmp.resolve("pin");
        CliRunner r = CliRunner.run("map", "--arch", arch().toString(), "--workload", workload().toString(), "--out",
                out.toString(), "--no-progress", "--set", "mapping.operators.fc1.dataflow=os",
                "--set", "mapping.operators.fc1.unit=array", "--tile-max", "fc2.n=4");
        assertThat(r.exit()).as(r.err()).isZero();
        Mapping m = Specs.mapping(out.resolve("mapping.yaml"), List.of());
        assertThat(m.of("fc1").orElseThrow().dataflow()).isEqualTo(Dataflow.OS);
        List<CSVRecord> space = read(out.resolve("mapspace.csv"));
        CSVRecord fc1 = space.stream().filter(x -> x.get("op").equals("fc1")).findFirst().orElseThrow();
        CSVRecord fc2 = space.stream().filter(x -> x.get("op").equals("fc2")).findFirst().orElseThrow();
        assertThat(fc1.get("units")).isEqualTo("array/os");
        assertThat(Long.parseLong(fc1.get("excluded_by_constraints"))).isPositive();
        assertThat(Long.parseLong(fc2.get("excluded_by_constraints"))).isPositive();
        for (CSVRecord op : read(out.resolve("map.csv"))) {
            if (op.get("op").equals("fc2") && !op.get("final_mapping").isEmpty()) {
                // tile m x k x n: n at most 4
                String[] t = op.get("final_mapping").split("/")[2].split("x");
                assertThat(Long.parseLong(t[2])).isLessThanOrEqualTo(4);
            }
        }
    }

    /**
     * A SCALE-Sim accelerator (its buffer partitioned per operand, which streams the whole layer): tiles and loop
     * orders are not choices there, so one candidate per node (none infeasible), the scheduler's mapping is the
     * best, and a pinned tile is refused.
     */
    @Test
    void partitionedBuffersLeaveOnlyTheUnitToChoose() throws IOException {
        Path cfg = write("a.cfg", "[general]\nrun_name = t\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\n"
                + "IfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nDataflow: os\n[run_presets]\nInterfaceBandwidth: CALC\n");
        Path topo = write("t.csv", "Layer Name, M, N, K,\nG1, 64, 64, 64,\nG2, 32, 16, 64,\n");
        Path out = tmp.resolve("ss");
        CliRunner r = CliRunner.run("map", "--arch", "scalesim-cfg:" + cfg, "--workload", "scalesim-topology:" + topo,
                "--out", out.toString(), "--no-progress");
        assertThat(r.exit()).as(r.err()).isZero();
        for (CSVRecord row : read(out.resolve("mapspace.csv"))) {
            assertThat(row.get("space_size")).as(row.toString()).isEqualTo("1");
            assertThat(row.get("infeasible_in_space")).as(row.toString()).isIn("0", "");
        }
        List<CSVRecord> sum = read(out.resolve("summary.csv"));
        assertThat(sum.get(1).get("total_cycles")).isEqualTo(sum.get(0).get("total_cycles"));
        Path bad = tmp.resolve("ss-bad");
        CliRunner b = CliRunner.run("map", "--arch", "scalesim-cfg:" + cfg, "--workload", "scalesim-topology:" + topo,
                "--out", bad.toString(), "--no-progress", "--set", "mapping.operators.G1.tile={m: 8, k: 8, n: 8}");
        assertThat(b.exit()).as(b.err()).isEqualTo(2);
        assertThat(b.err()).contains("operators.G1.tile", "partitioned");
        assertThat(b.err().strip().lines()).hasSize(1);
        assertThat(bad).doesNotExist();
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
