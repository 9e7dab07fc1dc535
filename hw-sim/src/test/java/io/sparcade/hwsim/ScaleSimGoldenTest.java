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
 * Dense compute cycles of the array equal the numbers SCALE-Sim itself reported for the same array,
 * dataflow and layers (v2 COMPUTE_REPORT: Total Cycles - Stall Cycles), plus one: SCALE-Sim reports the index
 * of a layer's last cycle, one less than its cycles (SCALE-Sim issue #125: a 4x4 OS fold of T = 4 prints 9
 * for the 10 cycles T + R + C - 2); the RTL engine counts the cycles (LayerCosimSweepTest), and so does
 * Sparcade. Inputs go through Sparcade's own readers of SCALE-Sim's topology CSV and .cfg; the topology files
 * are SCALE-Sim's (test resources, MIT). Every layer is compared and every mismatch reported.
 */
class ScaleSimGoldenTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> gemmGoldens() {
        // scale-sim-v2 test/general/golden_trace_user_{os,ws,is}/COMPUTE_REPORT.csv, 32x32 array:
        // OS 52447 total - 42272 stall; WS 52447 - 41248; IS 19984 - 5777.
        return Stream.of(Arguments.of("os", 52447 - 42272), Arguments.of("ws", 52447 - 41248),
                Arguments.of("is", 19984 - 5777));
    }

    @ParameterizedTest(name = "GEMM 256x128x256 on 32x32 {0}")
    @MethodSource("gemmGoldens")
    void gemmMatchesScaleSimGoldens(String dataflow, long expected) throws Exception {
        List<Long> cycles = computeCycles(cfg(32, 32, dataflow, 64, 64, 64), "test_mnk_input.csv");
        assertThat(cycles).containsExactly(expected);
    }

    @Test
    void alexnetConv1WeightStationary() throws Exception {
        // scale-sim-v2 test/golden_trace/COMPUTE_REPORT.csv: 112283 total, 0 stall (32x32 ws, CALC). With an
        // accumulator buffer that holds a fold's partial sums over all 3025 output rows, Sparcade's count is
        // SCALE-Sim's.
        assertThat(computeCycles(cfg(32, 32, "ws", 1024, 1024, 1024), "alexnet_part.csv")).containsExactly(112283L);
    }

    /**
     * Where SCALE-Sim is off. SCALE-Sim's WS streams all T = 3025 rows of conv1 through each of its
     * ceil(363/32) x ceil(96/32) = 36 folds and writes each fold's partial sums to the ofmap SRAM without reading
     * the earlier folds' back (systolic_compute_ws.py: ofmap_writes per fold, no partial-sum reads), so its
     * count assumes the 3025 x 32 x 4 B = 387 KB of partial sums of a column fold stay accumulable, which its
     * 64 KB ofmap SRAM cannot. Sparcade (and its RTL engine, which runs exactly this tile program) keeps partial
     * sums in the accumulator buffer, so it cuts m into tiles of tm rows and refills every fold for each extra
     * m tile: (ceil(3025/tm) - 1) x 36 x (2R + C - 2) cycles more than SCALE-Sim reports.
     */
    @Test
    void alexnetConv1WithScaleSimsBuffersRefillsEveryFoldPerOutputTile() throws Exception {
        Architecture arch = Specs.architecture(Specs.SCALESIM_CFG + cfg(32, 32, "ws", 64, 64, 64), List.of());
        Workload w = Specs.workload(Specs.SCALESIM_TOPOLOGY
                + Path.of(getClass().getResource("/scalesim/alexnet_part.csv").toURI()), Map.of(), List.of());
        OpResult conv1 = Flow.simulate(arch, w).ops().get(0);
        long tm = conv1.firing().placement().tiling().tile().m();
        long mTiles = (3025 + tm - 1) / tm;
        assertThat(mTiles).isGreaterThan(1);
        assertThat(conv1.cost().computeCycles() - 1).isEqualTo(112283L + (mTiles - 1) * 36 * (2 * 32 + 32 - 2));
    }

    @Test
    void alexnetOutputStationary() throws Exception {
        // emilyjyc/Implement-Cambricon-D-suing-Scale-sim-tool test_runs/scale_example_run_32x32_os/COMPUTE_REPORT.csv,
        // all layers 0 stall (stock scale.cfg: 32x32 os, 64 kB SRAMs).
        assertThat(computeCycles(cfg(32, 32, "os", 64, 64, 64), "alexnet.csv"))
                .containsExactly(121124L, 334831L, 113567L, 168863L, 112575L);
    }

    @Test
    void visualWakeWordsOnEdgeTpuSizedArray() throws Exception {
        // scalesim-project/SCALE-Sim edgeTPU_experiment_results/edgeTPU_ws/COMPUTE_REPORT.csv: 29 layers,
        // 0 stall, on configs/edgeTPU.cfg (4x4 ws; 1536/256/1536 kB SRAMs).
        List<Long> expected = List.of(32395L, 38267L, 18511L, 21095L, 18751L, 35567L, 37503L, 11087L, 19711L,
                15839L, 39423L, 6623L, 23551L, 7487L, 47103L, 7487L, 47103L, 7487L, 47103L, 7487L, 47103L, 7487L,
                47103L, 5471L, 38911L, 6335L, 77823L, 6335L, 703L);
        assertThat(computeCycles(cfg(4, 4, "ws", 1536, 256, 1536), "vww.csv")).containsExactlyElementsOf(expected);
    }

    @Test
    void smallestOutputStationaryCase() throws Exception {
        // scalesim-project/SCALE-Sim issue #125: a 1x4 input, 1x1 filter, 4 channels, 4 filters on a 4x4 OS
        // array prints "Compute cycles: 9" (one fold of T+R+C-2 = 10 rows; SCALE-Sim reports the last index).
        Path topo = tmp.resolve("valid4.csv");
        Files.writeString(topo, "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
                + "Num Filter, Strides,\nConv5,  1,  4,     1, 1,      4,    4,    1,\n");
        assertThat(computeCycles(cfg(4, 4, "os", 64, 64, 64), topo)).containsExactly(9L);
    }

    private List<Long> computeCycles(Path cfg, String resource) throws URISyntaxException {
        return computeCycles(cfg, Path.of(getClass().getResource("/scalesim/" + resource).toURI()));
    }

    private List<Long> computeCycles(Path cfg, Path topology) {
        Architecture arch = Specs.architecture(Specs.SCALESIM_CFG + cfg, List.of());
        Workload w = Specs.workload(Specs.SCALESIM_TOPOLOGY + topology, Map.of(), List.of());
        SimulationResult r = Flow.simulate(arch, w);
        List<Long> out = new ArrayList<>();
        for (String name : w.operators().stream().map(o -> o.name()).toList()) {
            // SCALE-Sim's convention: the index of the last cycle
            out.add(r.ops().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().cost().computeCycles() - 1);
        }
        return out;
    }

    private Path cfg(int rows, int cols, String dataflow, int ifmapKb, int filterKb, int ofmapKb) throws IOException {
        Path p = tmp.resolve("arch-" + rows + "x" + cols + "-" + dataflow + ".cfg");
        Files.writeString(p, String.join("\n", "[general]", "run_name = golden_" + dataflow, "",
                "[architecture_presets]", "ArrayHeight:    " + rows, "ArrayWidth:     " + cols,
                "IfmapSramSzkB:    " + ifmapKb, "FilterSramSzkB:   " + filterKb, "OfmapSramSzkB:    " + ofmapKb,
                "IfmapOffset:    0", "FilterOffset:   10000000", "OfmapOffset:    20000000",
                "Dataflow : " + dataflow, "Bandwidth : 10", "MemoryBanks: 1", "", "[run_presets]",
                "InterfaceBandwidth: CALC", ""));
        return p;
    }
}
