package io.sparcade.dse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dse.search.ExhaustiveSearch;
import io.sparcade.dse.search.MapSpace;
import io.sparcade.dse.search.MappingSearch;
import io.sparcade.dse.search.MappingText;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.hwsim.Simulator;
import io.sparcade.hwsim.energy.EnergyTable;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.scheduler.ListScheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapSpaceTest {
    @Test
    void pointZeroIsTheSchedulersMappingAndTheSearchNeverDoesWorse() {
        Architecture arch = Specs.architecture("spatten", List.of());
        DataflowGraph g = new GraphBuilder("test").build(Specs.workload("bert-base-attention", Map.of("seq", "128"), List.of()));
        MapSpace space = new MapSpace(g, arch);
        // qk and pv can each run on either array: unit, tile and loop order choices for both.
        assertThat(space.choices()).extracting(c -> c.node() + ":" + c.aspect())
                .contains("qk:UNIT", "qk:TILE", "qk:LOOP_ORDER", "pv:UNIT", "pv:TILE", "pv:LOOP_ORDER");
        assertThat(space.mapping(new int[space.sizes().length]).operators()).isEmpty();
        OperatorModel model = new OperatorModel();
        Simulator sim = new Simulator(model, (EnergyTable) null);
        ListScheduler sched = new ListScheduler(model, "test");
        long auto = sim.run(sched.schedule(g, arch, Mapping.NONE)).totalCycles();
        var best = MappingSearch.run(space, new ExhaustiveSearch(space.sizes()), 200,
                (Mapping m) -> sim.run(sched.schedule(g, arch, m)), (SimulationResult r) -> r.totalCycles()).orElseThrow();
        assertThat(best.evaluations()).isEqualTo(200);
        assertThat((long) best.cost()).isLessThanOrEqualTo(auto);
        assertThat(MappingText.format(Mapping.NONE)).isEqualTo("auto");
        // A unit choice pins the operator to that unit in the schedule.
        int[] p = new int[space.sizes().length];
        p[space.choices().indexOf(new MapSpace.Choice("qk", MapSpace.Aspect.UNIT, 3))] = 2;
        var firing = sched.schedule(g, arch, space.mapping(p)).firings().stream()
                .filter(f -> f.node().name().equals("qk")).findFirst().orElseThrow();
        assertThat(firing.unitName()).isEqualTo("array-pv");
        // The printed mapping reads back as the same value.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            int[] q = new int[space.sizes().length];
            for (int c = 0; c < q.length; c++) {
                q[c] = rng.nextInt(space.sizes()[c]);
            }
            Mapping m = space.mapping(q);
            assertThat(MappingText.parse(MappingText.format(m))).isEqualTo(m);
        }
    }

    /**
     * An expected refusal (a SpecException: the mapping does not fit) is priced infinite and the search goes on;
     * any other exception (a model bug) fails the search loudly instead of being priced as a bad mapping.
     */
    @Test
    void onlyExpectedRefusalsBecomeInfeasibleMappings() {
        Architecture arch = Specs.architecture("spatten", List.of());
        DataflowGraph g = new GraphBuilder("test").build(Specs.workload("bert-base-attention", Map.of("seq", "128"), List.of()));
        MapSpace space = new MapSpace(g, arch);
        int[] calls = {0};
        var best = MappingSearch.run(space, new ExhaustiveSearch(space.sizes()), 5, (Mapping m) -> {
            if (calls[0]++ == 0) {
                throw new io.sparcade.model.SpecException("operators.qk.tile", "does not fit");
            }
            return 1.0 * calls[0];
        }, (Double d) -> d).orElseThrow();
        assertThat(best.cost()).isEqualTo(2.0);
        assertThat(best.evaluations()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappingSearch.run(space,
                new ExhaustiveSearch(space.sizes()), 5, (Mapping m) -> {
                    throw new NullPointerException("model bug");
                }, (Double d) -> d)).isInstanceOf(NullPointerException.class).hasMessage("model bug");
    }
}
