package io.sparcade.verilator.layer;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.TopkWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.hwsim.compute.DspChainModel;
import io.sparcade.hwsim.compute.NmArrayModel;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DspChainSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.TopkAlgorithm;
import io.sparcade.model.arch.TopkEngineSpec;
import io.sparcade.rtl.ArrayEngineConfig;
import io.sparcade.rtl.ChainEngineConfig;
import io.sparcade.rtl.Design;
import io.sparcade.rtl.EngineGenerators;
import io.sparcade.rtl.EngineShell;
import io.sparcade.rtl.TopkEngineConfig;
import io.sparcade.scheduler.Placement;
import io.sparcade.verilator.EngineSimulation;
import io.sparcade.verilator.EngineTestbench;
import io.sparcade.verilator.RtlSimulator;
import io.sparcade.verilator.Tolerances;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one scheduled node through the op-level model ({@link OperatorModel}, as {@code simulate} prices it when
 * it runs alone) and through the RTL layer engine of its unit with the same tile program and seeded data, and
 * compares them.
 */
public final class LayerCosim {
    private LayerCosim() {
    }

    /**
     * One node's comparison.
     *
     * @param outputsMatch  every output word (rounded) and every exact sum equal the reference
     * @param cycleErrorPct |rtl - model| / rtl cycles, percent
     * @param rtlSeconds    wall time of the RTL simulation process
     * @param modelSeconds  wall time of the op-level model for the node
     */
    public record Row(String op, String unit, String simulator, long modelCycles, long rtlCycles, long modelComputeCycles,
                      long rtlComputeCycles, long modelStallCycles, long rtlStallCycles, long modelDramBytes,
                      long rtlDramBytes, boolean outputsMatch, double cycleErrorPct, double modelSeconds, double rtlSeconds,
                      String detail) {
        /** Whether the row is within {@link Tolerances}. */
        public boolean passed() {
            return outputsMatch && Tolerances.layerWithin(modelComputeCycles, rtlComputeCycles, Tolerances.LAYER_COMPUTE_PCT)
                    && Tolerances.layerWithin(modelCycles, rtlCycles, Tolerances.LAYER_CYCLES_PCT)
                    && Tolerances.layerWithin(modelDramBytes, rtlDramBytes, Tolerances.LAYER_DRAM_BYTES_PCT);
        }
    }

    /** Why the RTL engines cannot run the node as placed, or empty when they can. */
    public static Optional<String> unsupported(OpNode node, Placement p) {
        if (p == null) {
            return Optional.of("a view (reshape) runs on no unit");
        }
        if (node.work() instanceof TopkWork t && p.unit() instanceof TopkEngineSpec e) {
            if (e.algorithm() != TopkAlgorithm.QUICK_SELECT) {
                return Optional.of("the RTL top-k engine is quick-select, not " + e.algorithm());
            }
            if (t.k() >= t.n()) {
                return Optional.of("k >= n: every score is kept, no selection runs");
            }
            if (t.bits() > e.precisionBits()) {
                return Optional.of(t.bits() + "-bit scores exceed the engine's " + e.precisionBits() + " bits");
            }
            if (p.onChip().any()) {
                return Optional.of("fused (on-chip) operands are not in the RTL engines' layer runs");
            }
            return Optional.empty();
        }
        if (!(node.work() instanceof GemmWork g) || !(p.unit() instanceof NmArraySpec || p.unit() instanceof DspChainSpec)) {
            return Optional.of("no RTL engine for " + node.work().describe() + " on a " + p.unit().type());
        }
        if (p.unit() instanceof DspChainSpec d && d.dspsPerGroup() != 2) {
            return Optional.of("the RTL chain engine is built of groups of 2 DSPs (FlightLLM's), not " + d.dspsPerGroup());
        }
        if (p.unit() instanceof DspChainSpec d && d.weightBytesPerCycle() > 0) {
            return Optional.of("the RTL chain engine has no weight-feed limiter (weight_bytes_per_cycle "
                    + d.weightBytesPerCycle() + "); cross-check the chains alone with --set units." + p.unitName()
                    + ".weight_bytes_per_cycle=0");
        }
        if (p.unit() instanceof DspChainSpec d && d.precisionBits() > 8) {
            return Optional.of("the RTL chain engine takes operands of at most 8 bits, not " + d.precisionBits());
        }
        if (g.quant() != null) {
            return Optional.of("progressive quantisation (fractional bits per weight) is not in the RTL engines");
        }
        if (g.causal() != null) {
            return Optional.of("causal-masked products are not in the RTL engines' layer runs");
        }
        if (p.sparseMode() && Integer.bitCount(g.nm().n()) != 1) {
            return Optional.of("the RTL PE groups compressed rows by shifts: N must be a power of two, got " + g.nm().ratio());
        }
        return Optional.empty();
    }

    /** Runs the node through the model and the RTL. */
    public static Row run(RtlSimulator sim, OpNode node, Placement p, Architecture arch, long seed, Path work,
                          Duration timeout) {
        unsupported(node, p).ifPresent(r -> {
            throw new IllegalArgumentException("operator '" + node.name() + "': " + r);
        });
        if (node.work() instanceof TopkWork t) {
            return topk(sim, node, t, (TopkEngineSpec) p.unit(), p, arch, work, timeout);
        }
        GemmWork g = (GemmWork) node.work();
        BufferSpec buffer = arch.bufferOf(p.unit());
        long m0 = System.nanoTime();
        OpCost model = new OperatorModel().cost(node, p, arch);
        double modelSeconds = (System.nanoTime() - m0) / 1e9;
        DramModel dram = new DramModel(arch.dram(), arch.clockMhz());
        Bandwidth bw = Bandwidth.of(arch.dram().effectiveBytesPerCycle(arch.clockMhz()));
        int minBits = Math.min(g.actBits(), g.bBits());
        long latency = dram.latencyCycles();
        GemmLayer layer;
        Design design;
        long[] depths;
        if (p.unit() instanceof NmArraySpec a) {
            layer = new GemmLayer(g, p.sparseMode(), p.tiling(), buffer, dram, latency, p.onChip(), NmArrayModel.tileCost(a),
                    a.precisionBits(), seed, GemmLayer.UnitWords.array(a));
            ArrayEngineConfig cfg = ArrayEngineConfig.of(a, buffer, shell(sim, bw, minBits, layer));
            depths = new long[] {cfg.aDepth(), cfg.bDepth(), cfg.cDepth()};
            design = EngineGenerators.arrayEngine(cfg);
        } else {
            DspChainSpec d = (DspChainSpec) p.unit();
            int nmN = p.sparseMode() ? g.nm().n() : 0;
            boolean packed = DspChainModel.packing(d, g) == 2;
            layer = new GemmLayer(g, p.sparseMode(), p.tiling(), buffer, dram, latency, p.onChip(),
                    DspChainModel.tileCost(d, g, p.sparseMode()), d.precisionBits(), seed, new GemmLayer.UnitWords() {
                        @Override
                        public long flags(io.sparcade.hwsim.memory.TileWalk.Compute c) {
                            return packed ? 8 : 0;
                        }

                        @Override
                        public long[] extra(io.sparcade.hwsim.memory.TileWalk.Compute c, long aStride, long bStride,
                                            long cStride) {
                            int seg = DspChainModel.segmentLength(d, c.tk(), nmN);
                            long segs = d.dspsPerChain() / seg;
                            int pf = packed ? 2 : 1;
                            // instruction words 15..22 (sc_csd_seq.sv): B strides tn, A dlen, C tn
                            return new long[] {seg | (segs << 8), (c.tm() + pf - 1) / pf,
                                    (c.tn() + d.chains() * segs - 1) / (d.chains() * segs), (c.tk() + seg - 1) / seg,
                                    seg * bStride, d.chains() * segs, pf * aStride, pf * cStride};
                        }
                    });
            ChainEngineConfig cfg = ChainEngineConfig.of(d, buffer, shell(sim, bw, minBits, layer));
            depths = new long[] {cfg.aDepth(), cfg.bDepth(), cfg.cDepth()};
            design = EngineGenerators.chainEngine(cfg);
        }
        EngineShell shell = shell(sim, bw, minBits, layer);
        long[] used = layer.bufferWords();
        if (used[0] > depths[0] || used[1] > depths[1] || used[2] > depths[2]) {
            throw new IllegalArgumentException("operator '" + node.name() + "': its tiles need " + used[0] + "/" + used[1] + "/"
                    + used[2] + " A/B/C words, the engine's buffers hold " + depths[0] + "/" + depths[1] + "/" + depths[2]);
        }
        EngineTestbench tb = new EngineTestbench(design, shell, dramWords(sim, layer.dramWords()));
        EngineSimulation.Build build = EngineSimulation.build(sim, tb);
        long limit = 20 * model.cycles() + 100_000;
        EngineSimulation.Result r = EngineSimulation.run(build, work, new EngineSimulation.Input(layer.dramImage(),
                layer.program().dmaWords(), layer.program().computeWords(), layer.outputLo(), layer.outputHi(), bw.num(),
                bw.den(), latency, limit, timeout, null, layer.bufferImages(), layer.bufferDumps()));
        int[] sums = layer.expectedSums();
        boolean match;
        if (layer.outputOnChip()) {
            // a fused output stays in the C buffer as the exact sums the next operator of the group reads
            long[] c = r.buffers().get(2);
            match = c.length == sums.length;
            for (int i = 0; match && i < sums.length; i++) {
                match = (int) c[i] == sums[i];
            }
        } else {
            match = r.outputs().length == sums.length;
            for (int i = 0; match && i < sums.length; i++) {
                match = (int) r.raw()[i] == sums[i] && (int) r.outputs()[i] == layer.round(sums[i]);
            }
        }
        long rtlDram = r.dramReadBytes() + r.dramWriteBytes();
        return new Row(node.name(), p.unitName(), sim.name(), model.cycles(), r.cycles(), model.computeCycles(),
                r.busyCycles(), model.stallCycles(), r.cycles() - r.busyCycles(), model.dramBytes(), rtlDram, match,
                errorPct(model.cycles(), r.cycles()), modelSeconds, r.seconds(), model.detail());
    }

    private static Row topk(RtlSimulator sim, OpNode node, TopkWork t, TopkEngineSpec e, Placement p, Architecture arch,
                            Path work, Duration timeout) {
        BufferSpec buffer = arch.bufferOf(e);
        long m0 = System.nanoTime();
        OpCost model = new OperatorModel().cost(node, p, arch);
        double modelSeconds = (System.nanoTime() - m0) / 1e9;
        DramModel dram = new DramModel(arch.dram(), arch.clockMhz());
        Bandwidth bw = Bandwidth.of(arch.dram().effectiveBytesPerCycle(arch.clockMhz()));
        EngineShell probe = new EngineShell(lanes(bw, t.bits()), programDepth(sim, 1), EngineShell.INSTRUCTION_WORDS);
        long rowWords = TopkEngineConfig.of(e, buffer, probe).rowCapacity();
        TopkLayer layer = new TopkLayer(t, e, buffer, dram, dram.latencyCycles(), p.onChip(), rowWords);
        EngineShell shell = new EngineShell(lanes(bw, t.bits()), programDepth(sim, layer.program().instructions()),
                EngineShell.INSTRUCTION_WORDS);
        TopkEngineConfig cfg = TopkEngineConfig.of(e, buffer, shell);
        EngineTestbench tb = new EngineTestbench(EngineGenerators.topkEngine(cfg), shell, dramWords(sim, layer.dramWords()));
        EngineSimulation.Build build = EngineSimulation.build(sim, tb);
        EngineSimulation.Result r = EngineSimulation.run(build, work, new EngineSimulation.Input(layer.dramImage(),
                layer.program().dmaWords(), layer.program().computeWords(), layer.outputLo(), layer.outputHi(), bw.num(),
                bw.den(), dram.latencyCycles(), 20 * model.cycles() + 100_000, timeout, null));
        long[] expected = layer.expected();
        boolean match = r.outputs().length == expected.length;
        for (int i = 0; match && i < expected.length; i++) {
            match = r.outputs()[i] == expected[i];
        }
        if (layer.model().cycles() != model.cycles()) {
            throw new IllegalStateException("the tile program's model (" + layer.model().cycles() + " cycles) differs from "
                    + "the operator model's (" + model.cycles() + ")");
        }
        return new Row(node.name(), p.unitName(), sim.name(), model.cycles(), r.cycles(), model.computeCycles(),
                r.busyCycles(), model.stallCycles(), r.cycles() - r.busyCycles(), model.dramBytes(),
                r.dramReadBytes() + r.dramWriteBytes(), match, errorPct(model.cycles(), r.cycles()), modelSeconds, r.seconds(),
                model.detail());
    }

    private static EngineShell shell(RtlSimulator sim, Bandwidth bw, int minBits, GemmLayer layer) {
        return new EngineShell(lanes(bw, minBits), programDepth(sim, layer.program().instructions()),
                EngineShell.INSTRUCTION_WORDS);
    }

    /**
     * DRAM words of a testbench build: Verilator builds hold at least 2^22 words (16 MB) so one build per engine
     * serves most layers; Icarus builds (slow to initialise large memories) 2^16; more when a layer needs it.
     */
    static long dramWords(RtlSimulator sim, long need) {
        return pow2(Math.max(sim.name().equals("verilator") ? 1L << 22 : 1L << 16, need));
    }

    static double errorPct(long model, long rtl) {
        return rtl == 0 ? (model == 0 ? 0 : 100) : 100.0 * Math.abs(rtl - model) / rtl;
    }

    /** DRAM port lanes: enough elements of the narrowest operand for the DRAM's bytes per cycle, a power of two. */
    static int lanes(Bandwidth bw, int minBits) {
        long need = (long) Math.ceil(bw.bytesPerCycle() * 8 / Math.max(1, minBits)) + 1;
        return (int) Math.min(4096, pow2(Math.max(16, need)));
    }

    /** Program memory depth of a build: 4,096 instructions a stream on Verilator (one build per engine), 256 on Icarus. */
    static int programDepth(RtlSimulator sim, int instructions) {
        return (int) pow2(Math.max(sim.name().equals("verilator") ? 4096 : 256, instructions));
    }

    static long pow2(long v) {
        return v <= 1 ? 1 : Long.highestOneBit(v - 1) << 1;
    }
}
