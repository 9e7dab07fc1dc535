package io.sparcade.hwsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.power.PowerModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.Device;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.UnitSpec;
import io.sparcade.model.arch.VectorUnitSpec;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import io.sparcade.scheduler.ListScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The physics the simulator must respect, each case derived by hand: memory in its own clock domain, shared
 * off-chip bandwidth, streaming across fused edges, shared buffers, spills, the LLM graphs' traffic and power.
 * Every case here failed on the simulator before the fluid model (nodes got the whole DRAM each, edges were
 * barriers, bandwidth scaled with the clock).
 */
class FidelityTest {
    /** Two vector units (so two nodes can run at once), one array, a 1 MiB buffer and a 1 GB/s memory. */
    private static Architecture arch(double clockMhz, double gbPerS, double bufferKib) {
        Map<String, UnitSpec> u = new LinkedHashMap<>();
        u.put("array", new NmArraySpec(4, 4, Dataflow.OS, 8, List.of(), "glb"));
        u.put("vec0", new VectorUnitSpec(1024, 8, "glb"));
        u.put("vec1", new VectorUnitSpec(1024, 8, "glb"));
        u.put("glb", new BufferSpec(bufferKib, 1e6, 1, true));
        u.put("dram", new DramSpec(DramTechnology.GENERIC, 1, gbPerS, 1.0, 1e-9));
        return new Architecture("t", "", clockMhz, null, null, 45, u);
    }

    private static SimulationResult run(Architecture a, Workload w) {
        return Flow.simulate(a, w);
    }

    /** An elementwise add of two 1 MB inputs into a 1 MB output: 3 MB of traffic, 2^20 cheap element-ops. */
    private static Workload twoAdds(boolean second) {
        Workload.Builder b = new Workload.Builder("adds").input("a", Shape.of(1 << 20)).input("b", Shape.of(1 << 20))
                .op(new Eltwise("add0", List.of("a", "b"), Shape.of(1 << 20), "add", 8));
        if (second) {
            b.input("c", Shape.of(1 << 20)).input("d", Shape.of(1 << 20))
                    .op(new Eltwise("add1", List.of("c", "d"), Shape.of(1 << 20), "add", 8));
        }
        return b.build();
    }

    /**
     * 3 MiB over a 1 GB/s memory take 3 x 2^20 / 1e9 s = 3.146 ms whatever the accelerator's clock; compute (2^20
     * elements over 1,024 lanes = 1,024 cycles) is negligible. Before: bandwidth was bytes per accelerator cycle,
     * so the 1 GHz run came out 10x faster than the 100 MHz one.
     */
    @ParameterizedTest(name = "{0} MHz")
    @CsvSource({"100", "400", "1000"})
    void memoryTimeDoesNotFollowTheAcceleratorClock(double mhz) {
        SimulationResult r = run(arch(mhz, 1, 1024), twoAdds(false));
        assertThat(r.seconds()).isCloseTo(3.0 * (1 << 20) / 1e9, within(3.0 * (1 << 20) / 1e9 * 0.001 + 2e-8));
    }

    /**
     * Two such adds on two vector units at once share the 1 GB/s: together they move 6 MiB, so the pair ends after
     * 6.29 ms, not after 3.15 ms as when each node had the whole memory; each node waits half its time.
     */
    @Test
    void concurrentNodesShareOffChipBandwidth() {
        Architecture a = arch(1000, 1, 1024);
        SimulationResult r = run(a, twoAdds(true));
        double alone = 3.0 * (1 << 20) / 1e9;
        assertThat(r.seconds()).isCloseTo(2 * alone, within(2 * alone * 0.001));
        assertThat(r.ops()).allSatisfy(o -> assertThat(o.startCycle()).isZero());
        assertThat(r.waitCycles()).isCloseTo((long) (2 * alone * 1e9), within((long) (alone * 1e9 * 0.01)));
        // the physical bound holds: no run moves bytes faster than the memory
        assertThat(r.dramBytes() / r.seconds()).isLessThanOrEqualTo(1e9 * 1.0001);
    }

    /**
     * A GEMM whose output feeds a ReLU: as a barrier the ReLU starts when the GEMM ends; fused, the ReLU streams the
     * GEMM's output tiles and ends one tile after it.
     */
    @Test
    void fusedConsumersStreamFromTheirProducersFirstTiles() {
        Architecture a = arch(1000, 1000, 1024);
        Workload.Builder b = new Workload.Builder("g").input("x", Shape.of(256, 64))
                .op(new Gemm("fc", List.of("x"), 256, 64, 64, 8, 8))
                .op(new Eltwise("relu", List.of("fc"), Shape.of(256, 64), "relu", 8));
        SimulationResult serial = run(a, b.build());
        SimulationResult fused = run(a, b.fuse("fc", "relu").build());
        OpResult fc = fused.ops().stream().filter(o -> o.name().equals("fc")).findFirst().orElseThrow();
        OpResult relu = fused.ops().stream().filter(o -> o.name().equals("relu")).findFirst().orElseThrow();
        assertThat(relu.startCycle()).isLessThan(fc.endCycle());
        assertThat(relu.endCycle()).isGreaterThanOrEqualTo(fc.endCycle());
        OpResult sRelu = serial.ops().stream().filter(o -> o.name().equals("relu")).findFirst().orElseThrow();
        OpResult sFc = serial.ops().stream().filter(o -> o.name().equals("fc")).findFirst().orElseThrow();
        assertThat(sRelu.startCycle()).isEqualTo(sFc.endCycle());
        assertThat(fused.totalCycles()).isLessThan(serial.totalCycles());
    }

    /**
     * Units that share a buffer tile against their share: three compute units on a 48 KiB buffer plan tiles of at
     * most 16 KiB each.
     */
    @Test
    void unitsTileAgainstTheirShareOfASharedBuffer() {
        Architecture a = arch(1000, 1000, 48);
        Workload w = new Workload.Builder("big").input("x", Shape.of(512, 512))
                .op(new Gemm("fc", List.of("x"), 512, 512, 512, 8, 8)).build();
        var s = new ListScheduler(new OperatorModel(), "m").schedule(new GraphBuilder("t").build(w), a, Mapping.NONE);
        assertThat(s.firings().get(0).placement().tiling().footprintBytes()).isLessThanOrEqualTo(48 * 1024 / 3);
    }

    /**
     * A fused intermediate that cannot fit spills: a GEMM's 256 x 1024 output (256 KiB) feeds a top-k over all of
     * it, which needs the whole tensor before it starts. On a 4 MiB buffer the tensor stays on chip: fusing saves
     * its write and its read, 2 x 256 KiB. On a 64 KiB buffer it cannot stay: the fused run moves exactly what the
     * unfused one does.
     */
    @Test
    void fusedTensorsThatDoNotFitSpillToOffChipMemory() {
        Workload.Builder b = new Workload.Builder("spill").input("x", Shape.of(256, 64))
                .op(new Gemm("fc", List.of("x"), 256, 64, 1024, 8, 8))
                .op(new io.sparcade.model.workload.Reshape("flat", List.of("fc"), Shape.of(1, 256 * 1024), 8))
                .op(new io.sparcade.model.workload.TopK("top", List.of("flat"), 1, 256 * 1024, 16, 8));
        Map<String, UnitSpec> u = new LinkedHashMap<>(arch(1000, 1000, 64).units());
        u.put("topk", new io.sparcade.model.arch.TopkEngineSpec(16, null, 8, "glb"));
        for (double kib : new double[] {64, 4096}) {
            Map<String, UnitSpec> v = new LinkedHashMap<>(u);
            v.put("glb", new BufferSpec(kib, 1e6, 1, true));
            Architecture a = new Architecture("t", "", 1000, null, null, 45, v);
            long unfused = run(a, b.build()).dramBytes();
            long fused = run(a, b.fuse("fc", "flat", "top").build()).dramBytes();
            assertThat(unfused - fused).as("%s KiB buffer", kib).isEqualTo(kib < 256 ? 0 : 2L * 256 * 1024);
            b = new Workload.Builder("spill").input("x", Shape.of(256, 64))
                    .op(new Gemm("fc", List.of("x"), 256, 64, 1024, 8, 8))
                    .op(new io.sparcade.model.workload.Reshape("flat", List.of("fc"), Shape.of(1, 256 * 1024), 8))
                    .op(new io.sparcade.model.workload.TopK("top", List.of("flat"), 1, 256 * 1024, 16, 8));
        }
    }

    /**
     * Decode latency never falls as the context grows (it did on main: 1,536 tokens ran faster than 1,280), on every
     * FlightLLM preset and both LLM presets, over contexts from 16 to 4,096.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"flightllm-u280, llama2-7b", "flightllm-vhk158, llama2-7b", "flightllm-vhk158, opt-6.7b",
        "sat-vcu1525, llama2-7b"})
    void decodeLatencyIsMonotonicInContext(String archName, String model) {
        Architecture a = Specs.architecture(archName, List.of());
        long[] contexts = {16, 100, 255, 256, 512, 777, 1024, 1280, 1536, 1792, 2048, 3000, 4096};
        double prev = 0;
        for (long c : contexts) {
            Workload w = Specs.workload(model, Map.of("phase", "decode", "context", String.valueOf(c)), List.of());
            double t = run(a, w).seconds();
            assertThat(t).as("%s %s context %d", archName, model, c).isGreaterThanOrEqualTo(prev);
            prev = t;
        }
    }

    /**
     * Decode traffic of the KV cache, by hand for LLaMA2-7B at context 1,023 (1,024 keys with the new token), 8-bit
     * cache: Q·Kᵀ reads 32 heads x 1,024 x 128 B = 4 MiB of K; P·V as much V; the new token's K and V are written,
     * 32 x 128 B each. With 8 K/V heads (GQA) the cache reads shrink 4x.
     */
    @Test
    void decodeReadsTheCacheOnceAndWritesTheNewKeyAndValue() {
        Architecture a = Specs.architecture("flightllm-u280", List.of());
        Map<String, Long> mha = bytesByOp(a, Map.of("phase", "decode", "context", "1023", "nm", "dense"));
        assertThat(mha.get("k_cache_write")).isEqualTo(32 * 128);
        assertThat(mha.get("v_cache_write")).isEqualTo(32 * 128);
        // K read, plus Q (32 x 128 B) from the projection group; the scores stay on chip (fused with softmax and P.V)
        assertThat(mha.get("qk")).isEqualTo(32L * 1024 * 128 + 32 * 128);
        // V read, plus the attention output (32 x 128 B) written for o_proj in the next group
        assertThat(mha.get("pv")).isEqualTo(32L * 1024 * 128 + 32 * 128);
        Map<String, Long> gqa = bytesByOp(a, Map.of("phase", "decode", "context", "1023", "nm", "dense", "kv_heads", "8"));
        // K read once (8 x 1,024 x 128 B); Q (4 KiB) read once per tile of keys at most: 1,024 / 128 = 8 tiles
        assertThat(gqa.get("qk")).isBetween(8L * 1024 * 128 + 32 * 128, 8L * 1024 * 128 + 8 * 32 * 128);
        assertThat(gqa.get("k_cache_write")).isEqualTo(8 * 128);
    }

    private static Map<String, Long> bytesByOp(Architecture a, Map<String, String> params) {
        Map<String, Long> out = new LinkedHashMap<>();
        run(a, Specs.workload("llama2-7b", params, List.of())).ops().forEach(o -> out.put(o.name(), o.cost().dramBytes()));
        return out;
    }

    /**
     * Causal prefill: a 512-token prompt's scores have 512 x 513 / 2 = 131,328 kept (query, key) pairs of 262,144
     * per head; the useful MACs of Q·Kᵀ are exactly those pairs x 128 x 32 heads.
     */
    @Test
    void prefillAttentionCountsTheCausalTriangle() {
        Architecture a = Specs.architecture("flightllm-u280", List.of());
        SimulationResult r = run(a, Specs.workload("llama2-7b", Map.of("phase", "prefill", "context", "512", "nm", "dense"), List.of()));
        OpResult qk = r.ops().stream().filter(o -> o.name().equals("qk")).findFirst().orElseThrow();
        assertThat(qk.cost().macsUseful()).isEqualTo(512L * 513 / 2 * 128 * 32);
        assertThat(qk.cost().macsIssued()).isGreaterThanOrEqualTo(qk.cost().macsUseful()).isLessThan(512L * 512 * 128 * 32);
    }

    /**
     * Exploiting N:M sparsity must not make a layer slower than running it dense on the same unit: 8:16 halves the
     * MACs, and the compressed weights (8 of 16 values with their index bits) are fewer bytes than the dense ones.
     * It did on main: on a DSP chain in N:M mode the output-column block (chains x segments) is wide, so the
     * spatial-first tiler cut the rows of the 512-token projections to the packing's 2 and re-read every weight
     * tile per row pair (q_proj: 8:16 in 2.77e6 cycles moving 3.2 GB against dense's 7.2e5 cycles and 38 MB; the
     * prefill at 0.30x of dense).
     */
    @Test
    void nmPrefillProjectionsOnTheChainsAreNoSlowerThanDense() {
        Architecture a = Specs.architecture("flightllm-u280", List.of());
        Map<String, OpResult> sparse = new LinkedHashMap<>();
        Map<String, OpResult> dense = new LinkedHashMap<>();
        SimulationResult s = run(a, Specs.workload("llama2-7b", Map.of("phase", "prefill", "context", "512"), List.of()));
        SimulationResult d = run(a, Specs.workload("llama2-7b", Map.of("phase", "prefill", "context", "512", "nm", "dense"), List.of()));
        s.ops().forEach(o -> sparse.put(o.name(), o));
        d.ops().forEach(o -> dense.put(o.name(), o));
        for (String op : List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")) {
            assertThat(sparse.get(op).cost().cycles()).as(op).isLessThanOrEqualTo(dense.get(op).cost().cycles());
            assertThat(sparse.get(op).cost().macsUseful()).as(op).isEqualTo(dense.get(op).cost().macsUseful() / 2);
        }
        assertThat(s.totalCycles()).isLessThan(d.totalCycles());
    }

    /** Always-on power follows the design: more DSP chains clock more DSPs; the device's static power is the floor. */
    @Test
    void alwaysOnPowerFollowsTheDesign() {
        Architecture base = Specs.architecture("flightllm-u280", List.of());
        Architecture twice = Specs.architecture("flightllm-u280", List.of(Override.parse("units.dsp.chains=512")));
        var table = io.sparcade.hwsim.energy.EnergyTable.forArchitecture(base);
        PowerModel p1 = PowerModel.of(base, table, io.sparcade.hwsim.energy.EnergyTable.Bound.NOMINAL);
        PowerModel p2 = PowerModel.of(twice, table, io.sparcade.hwsim.energy.EnergyTable.Bound.NOMINAL);
        assertThat(p1.deviceW()).isEqualTo(Device.XCU280.staticW());
        // 128 more chains (2,048 more DSP48s) at 0.5 pJ per DSP-cycle, and their LUTs, 6,032 a chain (its 16 stages'
        // low and high 16:1 multiplexers 1,280, 8 group taps 1,552, 7 nodes 448, the next chain's first column 256,
        // its weight-column addressing 2,304 and 192 gated weight bits, worked out in ResourcesTest) = 772,096 LUTs
        // at 16 pJ per 1,000 LUT-cycles, all clocked at 225 MHz: 0.230 + 2.780 W more
        double dsp = 2048 * 0.5e-12 * 225e6;
        double lut = 128 * 6_032 / 1000.0 * 16e-12 * 225e6;
        assertThat(p2.totalW() - p1.totalW()).isCloseTo(dsp + lut, within(1e-6));
        // 32 HBM pseudo-channels of background
        assertThat(p1.dramW()).isCloseTo(32 * 0.12, within(1e-9));
    }

    /** A run drawing more than the board may (225 W for the U280, AMD DS963) says so. */
    @Test
    void aRunAboveTheDevicesPowerLimitIsFlagged() {
        Architecture hot = Specs.architecture("flightllm-u280", List.of(Override.parse("static_power_mw=300000")));
        SimulationResult r = run(hot, Specs.workload("llama2-7b-decode", Map.of(), List.of()));
        assertThat(r.averagePowerW()).isGreaterThan(225);
        assertThat(r.exceedsDevicePower()).isTrue();
        SimulationResult ok = run(Specs.architecture("flightllm-u280", List.of()), Specs.workload("llama2-7b-decode", Map.of(), List.of()));
        assertThat(ok.exceedsDevicePower()).isFalse();
    }
}
