package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Total cycles and stall cycles of the array equal the numbers SCALE-Sim itself reported for the same array,
 * dataflow, SRAMs, bandwidth mode and layers (COMPUTE_REPORT: Total Cycles, Stall Cycles), memory included.
 * Inputs go through Sparcade's own readers of SCALE-Sim's topology CSV and .cfg; the topology files are
 * SCALE-Sim's (test resources, MIT). Every layer is compared and every mismatch reported. (ScaleSimTotalsTest
 * compares 72 runs of SCALE-Sim v3 the same way.)
 */
class ScaleSimGoldenTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> gemmGoldens() {
        // scale-sim-v2 test/general/golden_trace_user_{os,ws,is}/COMPUTE_REPORT.csv, 32x32 array, 64 kB SRAMs,
        // USER bandwidth 10 (total / stall): OS 52447 / 42272; WS 52447 / 41248; IS 19984 / 5777. (SCALE-Sim
        // v3 reports the same with its [layout] bank bandwidths at 10, which pace its reads.)
        return Stream.of(Arguments.of("os", "52447/42272"), Arguments.of("ws", "52447/41248"),
                Arguments.of("is", "19984/5777"));
    }

    @ParameterizedTest(name = "GEMM 256x128x256 on 32x32 {0}")
    @MethodSource("gemmGoldens")
    void gemmMatchesScaleSimGoldens(String dataflow, String expected) throws Exception {
        List<String> totals = totals(cfg(32, 32, dataflow, 64, 64, 64, "USER"), "test_mnk_input.csv");
        assertThat(totals).containsExactly(expected);
    }

    @Test
    void alexnetConv1WeightStationary() throws Exception {
        // scale-sim-v2 test/golden_trace/COMPUTE_REPORT.csv: 112283 total, 0 stall (32x32 ws, CALC).
        assertThat(totals(cfg(32, 32, "ws", 64, 64, 64), "alexnet_part.csv")).containsExactly("112283/0");
    }

    @Test
    void alexnetOutputStationary() throws Exception {
        // emilyjyc/Implement-Cambricon-D-suing-Scale-sim-tool test_runs/scale_example_run_32x32_os/COMPUTE_REPORT.csv,
        // all layers 0 stall (stock scale.cfg: 32x32 os, 64 kB SRAMs).
        assertThat(totals(cfg(32, 32, "os", 64, 64, 64), "alexnet.csv"))
                .containsExactly("121124/0", "334831/0", "113567/0", "168863/0", "112575/0");
    }

    @Test
    void visualWakeWordsOnEdgeTpuSizedArray() throws Exception {
        // scalesim-project/SCALE-Sim edgeTPU_experiment_results/edgeTPU_ws/COMPUTE_REPORT.csv: 29 layers,
        // 0 stall, on configs/edgeTPU.cfg (4x4 ws; 1536/256/1536 kB SRAMs).
        List<Long> expected = List.of(32395L, 38267L, 18511L, 21095L, 18751L, 35567L, 37503L, 11087L, 19711L,
                15839L, 39423L, 6623L, 23551L, 7487L, 47103L, 7487L, 47103L, 7487L, 47103L, 7487L, 47103L, 7487L,
                47103L, 5471L, 38911L, 6335L, 77823L, 6335L, 703L);
        assertThat(totals(cfg(4, 4, "ws", 1536, 256, 1536), "vww.csv"))
                .containsExactlyElementsOf(expected.stream().map(t -> t + "/0").toList());
    }

    @Test
    void smallestOutputStationaryCase() throws Exception {
        // scalesim-project/SCALE-Sim issue #125: a 1x4 input, 1x1 filter, 4 channels, 4 filters on a 4x4 OS
        // array prints "Compute cycles: 9" (one fold of T+R+C-2 = 10 rows; SCALE-Sim reports the last index).
        Path topo = tmp.resolve("valid4.csv");
        Files.writeString(topo, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
                + "Num Filter, Strides,\nConv5,  1,  4,     1, 1,      4,    4,    1,\n");
        assertThat(totals(cfg(4, 4, "os", 64, 64, 64), topo)).containsExactly("9/0");
    }

    @Test
    void nativeSpecWithPartitionsReproducesScaleSimUser() throws Exception {
        // The same accelerator as SCALE-Sim's USER GEMM golden above (32x32 os, three 64 kB SRAMs, 10 words per
        // cycle per operand port, 1-byte words at 1 GHz = 10 GB/s), written as a native Sparcade architecture:
        // SCALE-Sim reported 52447 total / 42272 stall.
        Architecture arch = Specs.architecture(yaml("native-user", "os", "10", "10", "10",
                "{type: dram, technology: generic, channels: 1, gb_per_s_per_channel: 30, efficiency: 1.0, latency_ns: 1}",
                "scalesim-v3"), List.of());
        assertThat(totals(arch, "test_mnk_input.csv")).containsExactly("52447/42272");
        // Counting a missed read once instead of SCALE-Sim's twice can only lower the stalls, never the compute.
        Architecture once = Specs.architecture(yaml("native-once", "os", "10", "10", "10",
                "{type: dram, technology: generic, channels: 1, gb_per_s_per_channel: 30, efficiency: 1.0, latency_ns: 1}",
                "once"), List.of());
        String[] t = totals(once, "test_mnk_input.csv").get(0).split("/");
        assertThat(Long.parseLong(t[1])).isLessThan(42272).isPositive();
        assertThat(Long.parseLong(t[0]) - Long.parseLong(t[1])).isEqualTo(52447 - 42272);
    }

    @Test
    void nativeSpecWithSizedMemoryReproducesScaleSimCalc() throws Exception {
        // SCALE-Sim's CALC mode as a native spec: a sized memory (no GB/s), first fills at 10 words per cycle, the
        // ofmap drained at ArrayWidth (32) words per cycle. scale-sim-v2 test/golden_trace: 112283 total, 0 stall.
        Architecture arch = Specs.architecture(yaml("native-calc", "ws", "10", "10", "32",
                "{type: dram, technology: generic, channels: 1, sized: true, latency_ns: 1}", "scalesim-v3"), List.of());
        assertThat(arch.dram().sizedBandwidth()).isTrue();
        assertThat(totals(arch, "alexnet_part.csv")).containsExactly("112283/0");
    }

    private String yaml(String name, String dataflow, String ifmapGbs, String filterGbs, String ofmapGbs, String dram,
                        String accounting) throws IOException {
        Path p = tmp.resolve(name + ".yaml");
        Files.writeString(p, String.join("\n", "name: " + name, "clock_mhz: 1000", "units:",
                "  array: {type: nm-array, rows: 32, cols: 32, dataflow: " + dataflow + ", precision_bits: 8, buffer: sram}",
                "  sram:", "    type: buffer", "    bytes_per_cycle: 64", "    stall_accounting: " + accounting,
                "    partitions:", "      ifmap: {capacity_kib: 64, port_gb_per_s: " + ifmapGbs + "}",
                "      filter: {capacity_kib: 64, port_gb_per_s: " + filterGbs + "}",
                "      ofmap: {capacity_kib: 64, port_gb_per_s: " + ofmapGbs + "}", "  dram: " + dram, ""));
        return p.toString();
    }

    private List<String> totals(Path cfg, String resource) throws URISyntaxException {
        return totals(cfg, Path.of(getClass().getResource("/scalesim/" + resource).toURI()));
    }

    private List<String> totals(Architecture arch, String resource) throws URISyntaxException {
        return totals(arch, Path.of(getClass().getResource("/scalesim/" + resource).toURI()));
    }

    private List<String> totals(Path cfg, Path topology) {
        return totals(Specs.architecture(Specs.SCALESIM_CFG + cfg, List.of()), topology);
    }

    /** Each layer's "total/stall" cycles, in topology order. */
    private List<String> totals(Architecture arch, Path topology) {
        Workload w = Specs.workload(Specs.SCALESIM_TOPOLOGY + topology, Map.of(), List.of());
        SimulationResult r = Flow.simulate(arch, w);
        List<String> out = new ArrayList<>();
        for (String name : w.operators().stream().map(o -> o.name()).toList()) {
            OpCost c = r.ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().cost();
            out.add(c.cycles() + "/" + c.stallCycles());
        }
        return out;
    }

    private Path cfg(int rows, int cols, String dataflow, int ifmapKb, int filterKb, int ofmapKb) throws IOException {
        return cfg(rows, cols, dataflow, ifmapKb, filterKb, ofmapKb, "CALC");
    }

    private Path cfg(int rows, int cols, String dataflow, int ifmapKb, int filterKb, int ofmapKb, String mode)
            throws IOException {
        Path p = tmp.resolve("arch-" + rows + "x" + cols + "-" + dataflow + ".cfg");
        Files.writeString(p, String.join("\n", "[general]", "run_name = golden_" + dataflow, "",
                "[architecture_presets]", "ArrayHeight:    " + rows, "ArrayWidth:     " + cols,
                "IfmapSramSzkB:    " + ifmapKb, "FilterSramSzkB:   " + filterKb, "OfmapSramSzkB:    " + ofmapKb,
                "IfmapOffset:    0", "FilterOffset:   10000000", "OfmapOffset:    20000000",
                "Dataflow : " + dataflow, "Bandwidth : 10", "MemoryBanks: 1", "", "[layout]",
                "IfmapSRAMBankBandwidth: 10", "FilterSRAMBankBandwidth: 10", "", "[run_presets]",
                "InterfaceBandwidth: " + mode, ""));
        return p;
    }
}
