package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.memory.PartitionedMemory;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sparcade's per-layer totals against SCALE-Sim v3's own reports (commit fab89b7, run with Debian's Python; the
 * fixtures and the command are in src/test/resources/scalesim/v3): every layer of 72 runs (three dataflows, CALC
 * and USER bandwidth, 32x32 and 8x8 arrays, 1 kB to 1 MB SRAMs, SCALE-Sim's shipped topologies and our own odd
 * sizes), read through Sparcade's {@code scalesim-cfg:} and {@code scalesim-topology:} readers and simulated by
 * the whole flow (schedule, fluid simulation). Total Cycles and Stall Cycles are compared, and, from the layer's
 * per-operand memory run, Total Cycles (incl. prefetch), every DRAM column of DETAILED_ACCESS_REPORT and the DRAM bandwidths of
 * BANDWIDTH_REPORT.
 */
class ScaleSimTotalsTest {
    static Stream<String> runs() throws IOException, URISyntaxException {
        Path root = Path.of(ScaleSimTotalsTest.class.getResource("/scalesim/v3").toURI());
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void totalsMatchScaleSim(String run) throws Exception {
        Path dir = Path.of(getClass().getResource("/scalesim/v3/" + run).toURI());
        Architecture arch = Specs.architecture(Specs.SCALESIM_CFG + dir.resolve("run.cfg"), List.of());
        Workload w = Specs.workload(Specs.SCALESIM_TOPOLOGY + dir.resolve("topology.csv"), Map.of(), List.of());
        OperatorModel model = new OperatorModel();
        SimulationResult r = new Simulator(model).run(new ListScheduler(model, "test mapping")
                .schedule(new GraphBuilder("test").build(w), arch, Mapping.NONE));
        List<double[]> compute = csv(dir.resolve("COMPUTE_REPORT.csv"));
        List<double[]> detail = csv(dir.resolve("DETAILED_ACCESS_REPORT.csv"));
        List<double[]> bandwidth = csv(dir.resolve("BANDWIDTH_REPORT.csv"));
        List<String> mismatches = new ArrayList<>();
        List<String> names = w.operators().stream().map(o -> o.name()).toList();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            OpResult op = r.ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
            PartitionedMemory.Result mem = model.partitionedRun(op.firing().node(), op.firing().placement(), arch).memory();
            long[] ours = {mem.inclPrefetch(), op.cost().cycles(), op.cost().stallCycles(),
                (long) mem.dramWords()[0], (long) mem.dramWords()[1], (long) mem.dramWords()[2],
                mem.dramStart()[0], mem.dramStop()[0], mem.dramStart()[1], mem.dramStop()[1],
                mem.dramStart()[2], mem.dramStop()[2]};
            double[] c = compute.get(i);
            double[] d = detail.get(i);
            long[] theirs = {(long) c[1], (long) c[2], (long) c[3], (long) d[12], (long) d[15], (long) d[18],
                (long) d[10], (long) d[11], (long) d[13], (long) d[14], (long) d[16], (long) d[17]};
            String[] what = {"incl", "total", "stall", "ifmapReads", "filterReads", "ofmapWrites", "ifStart", "ifStop",
                "fStart", "fStop", "oStart", "oStop"};
            // BANDWIDTH_REPORT's Avg IFMAP/FILTER/OFMAP DRAM BW (words per cycle while the port was busy): what a CALC
            // run says the memory must deliver; Sparcade prints it per layer in ops.csv's detail column
            String[] bw = {"ifmapDramBw", "filterDramBw", "ofmapDramBw"};
            for (int port = 0; port < 3; port++) {
                double theirBw = bandwidth.get(i)[4 + port];
                if (Math.abs(mem.dramWordsPerCycle(port) - theirBw) > 1e-9 * Math.max(1, theirBw)) {
                    mismatches.add(String.format(Locale.ROOT, "%s %s: sparcade %.12g, scale-sim %.12g", name, bw[port],
                            mem.dramWordsPerCycle(port), theirBw));
                }
            }
            for (int x = 0; x < ours.length; x++) {
                if (ours[x] != theirs[x]) {
                    mismatches.add(String.format(Locale.ROOT, "%s %s: sparcade %d, scale-sim %d", name, what[x], ours[x], theirs[x]));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static List<double[]> csv(Path p) throws IOException {
        List<double[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(p);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            List<Double> v = new ArrayList<>();
            for (String x : f) {
                if (!x.isBlank()) {
                    v.add(Double.parseDouble(x.trim()));
                }
            }
            out.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }
}
