package io.sparcade.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.ComputeUnitSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.arch.VectorUnitSpec;
import io.sparcade.model.mapping.LoopOrder;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** List scheduling with a fake cost model whose fixed cycle counts make every choice hand-checkable. */
class ListSchedulerTest {
    /** GEMMs 10 cycles, vector work 5, top-k 3, on any unit. */
    static final CostModel FIXED = (node, placement, arch) -> node.work() instanceof GemmWork ? 10
            : node.work() instanceof VectorWork ? 5
            : node.work() instanceof TopkWork ? 3 : 0;

    @TempDir
    Path dir;

    /** Two 16x16 arrays (a1, a2) and a vector unit sharing a 64 KiB buffer. */
    static Architecture twoArrays(double capacityKib) {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("a1", new NmArraySpec(16, 16, Dataflow.WS, 8, List.of(8), "glb"));
        u.put("a2", new NmArraySpec(16, 16, Dataflow.OS, 8, List.of(), "glb"));
        u.put("vec", new VectorUnitSpec(16, 16, "glb"));
        u.put("glb", new BufferSpec(capacityKib, 64, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, 1.6, 1, 0));
        return new Architecture("two", "", 100, 0, u);
    }

    /** x -> fc1, x -> fc2 (independent), add(fc1, fc2), view of add. */
    static Workload diamond() {
        return new Workload.Builder("diamond").input("x", Shape.of(32, 64))
                .op(new Gemm("fc1", List.of("x"), 32, 64, 64, 8, 8))
                .op(new Gemm("fc2", List.of("x"), 32, 64, 64, 8, 8))
                .op(new Eltwise("add", List.of("fc1", "fc2"), Shape.of(32, 64), "add", 8))
                .op(new Reshape("view", List.of("add"), Shape.of(64, 32), 8))
                .nm("fc1", 2, 8, "k").build();
    }

    static DataflowGraph graph(Workload w) {
        return new GraphBuilder("test").build(w);
    }

    Schedule schedule(Workload w, Architecture arch, Mapping mapping) {
        return new ListScheduler(FIXED, "map.yaml").schedule(graph(w), arch, mapping);
    }

    Path mappingFile(String yaml) throws Exception {
        Path f = dir.resolve("map.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    Schedule scheduleWithFile(Workload w, Architecture arch, Path mapping) {
        return new ListScheduler(FIXED, mapping.toString()).schedule(graph(w), arch, Specs.mapping(mapping, List.of()));
    }

    @Test
    void independentOpsAreSpreadOverBothCompatibleUnits() {
        Schedule s = schedule(diamond(), twoArrays(64), Mapping.NONE);
        List<Firing> f = s.firings();
        assertThat(f).extracting(x -> x.node().name()).containsExactly("fc1", "fc2", "add", "view");
        assertThat(f).extracting(Firing::unitName).containsExactly("a1", "a2", "vec", "-");
        // priority = longest estimated path to the end: fc 10 + add 5 + view 0
        assertThat(f).extracting(Firing::priority).containsExactly(15L, 15L, 5L, 0L);
        assertThat(f).extracting(Firing::estimatedCycles).containsExactly(10L, 10L, 5L, 0L);
        assertThat(f.get(2).after()).containsExactlyInAnyOrder("fc1", "fc2");
        assertThat(f.get(3).placement()).isNull();
        assertThat(f).extracting(Firing::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    void sparseModeOnlyWhereTheUnitSupportsTheM() {
        Schedule s = schedule(diamond(), twoArrays(64), Mapping.NONE);
        Placement fc1 = s.firings().get(0).placement();
        assertThat(fc1.unitName()).isEqualTo("a1");
        assertThat(fc1.sparseMode()).isTrue(); // a1 supports M = 8
        Schedule onA2 = schedule(diamond(), twoArrays(64), mapping("fc1", "a2"));
        assertThat(onA2.firings().stream().filter(x -> x.node().name().equals("fc1")).findFirst().orElseThrow()
                .placement().sparseMode()).isFalse(); // a2 is dense-only
    }

    static Mapping mapping(String op, String unit) {
        return new Mapping(Map.of(op, new io.sparcade.model.mapping.OpMapping(unit, null, null)));
    }

    @Test
    void mappingPinsBothGemmsToOneUnit() throws Exception {
        Path f = mappingFile("operators:\n  fc1: {unit: a2}\n  fc2: {unit: a2, loop_order: nm}\n");
        Schedule s = scheduleWithFile(diamond(), twoArrays(64), f);
        assertThat(s.firings()).filteredOn(x -> x.node().name().startsWith("fc")).extracting(Firing::unitName)
                .containsOnly("a2");
        assertThat(s.firings().get(1).placement().tiling().loopOrder()).isEqualTo(LoopOrder.NM);
    }

    @Test
    void mappingNamingAnIncompatibleUnitFailsNamingFileAndField() throws Exception {
        Path f = mappingFile("operators:\n  add:\n    unit: a1\n");
        assertThatThrownBy(() -> scheduleWithFile(diamond(), twoArrays(64), f))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith(f + ": operators.add.unit: unit 'a1' (nm-array) cannot run 'add'")
                .hasMessageContaining("needs vector-unit");
        Path g = mappingFile("operators:\n  fc1:\n    unit: glb\n");
        assertThatThrownBy(() -> scheduleWithFile(diamond(), twoArrays(64), g))
                .hasMessageStartingWith(g + ": operators.fc1.unit: unit 'glb' (buffer) cannot run 'fc1'")
                .hasMessageContaining("needs nm-array or dsp-chain");
    }

    @Test
    void mappingNamingAMissingUnitListsTheUnits() throws Exception {
        Path f = mappingFile("operators:\n  fc1:\n    unit: a3\n");
        assertThatThrownBy(() -> scheduleWithFile(diamond(), twoArrays(64), f))
                .hasMessage(f + ": operators.fc1.unit: architecture 'two' has no unit 'a3' (units: a1, a2, vec, glb, dram)");
    }

    @Test
    void mappingNamingAnUnknownOperatorFails() throws Exception {
        Path f = mappingFile("operators:\n  fc9:\n    unit: a1\n");
        assertThatThrownBy(() -> scheduleWithFile(diamond(), twoArrays(64), f))
                .isInstanceOf(SpecException.class)
                .hasMessage(f + ": operators.fc9: no operator or pass named 'fc9' in workload 'diamond'");
    }

    @Test
    void mappingTileThatDoesNotFitFailsNamingTheTileField() throws Exception {
        Path f = mappingFile("operators:\n  fc2:\n    tile: {m: 32, k: 64, n: 64}\n");
        // 2*(32*64 + 64*64) + 32*64*4 = 20480 B > 16 KiB
        assertThatThrownBy(() -> scheduleWithFile(diamond(), twoArrays(16), f))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(f + ": operators.fc2.tile")
                .hasMessageContaining("tile 32x64x64 needs 28672 B (double-buffered), but the unit's share of buffer 'glb' holds 5461 B of 16384 B");
        // 2 x (16x32 + 32x16 + 16x16x4 B) = 4096 B fits the share
        Path ok = mappingFile("operators:\n  fc2:\n    tile: {m: 16, k: 32, n: 16}\n");
        Schedule s = scheduleWithFile(diamond(), twoArrays(16), ok);
        assertThat(s.firings().get(1).placement().tiling().tile()).hasToString("16x32x16");
    }

    @Test
    void trainingPassesCanBeMappedByPassOrByOperatorName() {
        Workload w = new Workload.Builder("t").training(true).input("x", Shape.of(32, 64))
                .op(new Gemm("fc1", List.of("x"), 32, 64, 64, 8, 8))
                .op(new Gemm("fc2", List.of("fc1"), 32, 64, 64, 8, 8)).build();
        Mapping m = new Mapping(Map.of(
                "fc2.bwd-data", new io.sparcade.model.mapping.OpMapping("a1", null, null),
                "fc2", new io.sparcade.model.mapping.OpMapping("a2", null, null)));
        Schedule s = schedule(w, twoArrays(64), m);
        Map<String, String> unitOf = new LinkedHashMap<>();
        s.firings().forEach(f -> unitOf.put(f.node().name(), f.unitName()));
        assertThat(unitOf).containsEntry("fc2.bwd-data", "a1").containsEntry("fc2.fwd", "a2").containsEntry("fc2.bwd-weight", "a2");
    }

    @Test
    void gemmThatFitsNoBufferFailsNamingTheBuffer() {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("a1", new NmArraySpec(64, 64, Dataflow.WS, 8, List.of(), "glb"));
        u.put("vec", new VectorUnitSpec(16, 16, "glb"));
        u.put("glb", new BufferSpec(1, 64, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, 1.6, 1, 0));
        Architecture tiny = new Architecture("tiny", "", 100, 0, u);
        assertThatThrownBy(() -> schedule(diamond(), tiny, Mapping.NONE))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("arch tiny: units.glb.capacity_kib: no tile of 'fc1' fits buffer 'glb' of unit 'a1'");
    }

    @Test
    void workWithoutACompatibleUnitFailsNamingTheTypeToAdd() {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("a1", new NmArraySpec(16, 16, Dataflow.WS, 8, List.of(), "glb"));
        u.put("glb", new BufferSpec(64, 64, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, 1.6, 1, 0));
        Architecture noVector = new Architecture("novec", "", 100, 0, u);
        assertThatThrownBy(() -> schedule(diamond(), noVector, Mapping.NONE))
                .hasMessage("arch novec: units: no unit can run 'add' (add 2048x2): add a unit of type vector-unit");
    }

    @Test
    void scheduleTextHasOneLinePerFiring() {
        Schedule s = schedule(diamond(), twoArrays(64), Mapping.NONE);
        List<String> lines = s.toText().lines().toList();
        assertThat(lines.get(0)).isEqualTo("# schedule of diamond on two: 4 firings");
        assertThat(lines.get(1)).startsWith("#").contains("node", "unit", "est_cycles", "after");
        assertThat(lines).hasSize(2 + s.firings().size());
        for (Firing f : s.firings()) {
            String line = lines.get(2 + f.index());
            assertThat(line.split("\\s+")[0]).isEqualTo(String.valueOf(f.index()));
            assertThat(line).contains(f.node().name(), f.unitName(), f.node().work().describe());
        }
        assertThat(lines.get(2)).contains("sparse");
        assertThat(lines.get(4)).endsWith("fc1,fc2");
    }

    /** Each preset on the architecture built for it (the demo pairs). */
    static Stream<Arguments> presetPairs() {
        return Stream.of(Arguments.of("sat-vcu1525", "mlp-train-nm"), Arguments.of("spatten", "bert-base-attention"),
                Arguments.of("flightllm-u280", "llama2-7b-decode"), Arguments.of("sat-vcu1525", "llama2-7b-decode"));
    }

    @ParameterizedTest
    @MethodSource("presetPairs")
    void presetSchedulesRespectDependenciesAndCompatibility(String archName, String workloadName) {
        Architecture arch = Specs.architecture(archName, List.of());
        DataflowGraph g = graph(Specs.workload(workloadName, Map.of(), List.of()));
        Schedule s = new ListScheduler(FIXED, "none").schedule(g, arch, Mapping.NONE);
        assertThat(s.firings()).hasSize(g.nodes().size());
        Set<String> earlier = new HashSet<>();
        for (Firing f : s.firings()) {
            assertThat(earlier).as(f.node().name()).containsAll(f.after());
            assertThat(f.after()).containsExactlyInAnyOrderElementsOf(
                    g.predecessors(f.node()).stream().map(OpNode::name).toList());
            if (f.placement() != null) {
                ComputeUnitSpec unit = (ComputeUnitSpec) arch.units().get(f.unitName());
                assertThat(unit).isSameAs(f.placement().unit());
                assertThat(Compatibility.canRun(unit, f.node().work())).as(f.node().name()).isTrue();
                if (f.placement().tiling() != null) {
                    assertThat(f.placement().tiling().footprintBytes()).isLessThanOrEqualTo(arch.bufferOf(unit).capacityBytes());
                }
            }
            earlier.add(f.node().name());
        }
        assertThat(s.toText().lines()).hasSize(2 + s.firings().size());
    }

    @Test
    void higherPriorityReadyNodeGoesFirst() {
        // short (vector, 5) is listed first but the chain behind long (10 + 10) is longer
        Workload w = new Workload.Builder("p").input("x", Shape.of(32, 64))
                .op(new Eltwise("short", List.of("x"), Shape.of(32, 64), "relu", 8))
                .op(new Gemm("long", List.of("x"), 32, 64, 64, 8, 8))
                .op(new Gemm("tail", List.of("long"), 32, 64, 64, 8, 8)).build();
        Schedule s = schedule(w, twoArrays(64), Mapping.NONE);
        // priorities: long 20, tail 10, short 5. long is placed first (start 0); short runs beside it on the
        // vector unit (start 0) and tail after long (start 10). Firings are issued in start order, ties in
        // placement (priority) order.
        assertThat(s.firings()).extracting(f -> f.node().name()).containsExactly("long", "short", "tail");
        assertThat(s.firings()).extracting(Firing::priority).containsExactly(20L, 5L, 10L);
    }
}
