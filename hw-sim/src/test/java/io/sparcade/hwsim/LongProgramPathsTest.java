package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;
import io.sparcade.scheduler.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GEMM whose tile program is longer than the tile-by-tile walk takes (2^22 tiles) runs on both paths of the
 * operator model, with the same result: the caching model skips its steady state, and the uncached reference, which
 * walks shorter programs tile by tile, costs it the same way instead of refusing it (before, the uncached path
 * refused what the caching one ran). A hand bound pins the size: a 4 x 4 OS array on a 16 KiB double buffer holds
 * tiles of tm x tk x tn with 2 (tm tk + tk tn + 4 tm tn) <= 16,384 bytes (8-bit A and B, 32-bit sums); the product of
 * the three terms is 4 V^2 for the tile's volume V = tm tk tn, and at most (8,192 / 3)^3 by the AM-GM inequality, so
 * V <= 71,350 and a 16,384^3 GEMM has at least 4.4e12 / 71,350 = 6.2e7 tiles, over 2^22 (the test also reads the
 * tile the scheduler chose: 4 x 512 x 4, 5.4e8 tiles).
 */
class LongProgramPathsTest {
    @Test
    void bothPathsRunAProgramLongerThanTheTileByTileWalkAndAgree() {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("array", new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "glb"));
        u.put("glb", new BufferSpec(16, 64, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, 10, 1.0, 1e-9));
        Architecture a = new Architecture("t", "", 100, null, null, 45, u);
        int s = 16384;
        Workload w = new Workload.Builder("long").input("x", Shape.of(s, s)).op(new Gemm("g", List.of("x"), s, s, s, 8, 8))
                .build();
        var graph = new GraphBuilder("t").build(w);

        OperatorModel cached = new OperatorModel(true);
        Schedule sc = new ListScheduler(cached, "m").schedule(graph, a, Mapping.NONE);
        var tile = sc.firings().get(0).placement().tiling().tile();
        double tiles = Math.ceil((double) s / tile.m()) * Math.ceil((double) s / tile.k()) * Math.ceil((double) s / tile.n());
        assertThat(tiles).isGreaterThan(OperatorModel.MAX_TILES);
        SimulationResult fast = new Simulator(cached, (io.sparcade.hwsim.energy.EnergyTable) null).run(sc);

        OperatorModel reference = new OperatorModel(false);
        Schedule sr = new ListScheduler(reference, "m").schedule(graph, a, Mapping.NONE);
        SimulationResult ref = new Simulator(reference, (io.sparcade.hwsim.energy.EnergyTable) null).run(sr);

        assertThat(sr.firings().get(0).placement()).isEqualTo(sc.firings().get(0).placement());
        assertThat(ref.totalCycles()).isEqualTo(fast.totalCycles());
        assertThat(ref.energyPj()).isEqualTo(fast.energyPj());
        // 16,384^3 MACs at 16 a cycle at most: the run cannot be shorter
        assertThat(fast.totalCycles()).isGreaterThanOrEqualTo((long) s * s * s / 16);
    }
}
