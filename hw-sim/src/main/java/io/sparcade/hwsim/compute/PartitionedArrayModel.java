package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.GemmWork;
import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.OpNode;
import io.sparcade.dataflow.Pass;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.OperandStreams;
import io.sparcade.hwsim.memory.PartitionedMemory;
import io.sparcade.model.SpecException;
import io.sparcade.model.arch.BufferPartition;
import io.sparcade.model.arch.BufferPartitions;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.StallAccounting;
import io.sparcade.model.workload.Conv2d;
import java.util.Locale;

/**
 * The N:M array on a partitioned buffer: the whole layer streams through its per-operand memories
 * ({@link PartitionedMemory}) with the array's cycle-by-cycle demands ({@link SystolicStreams}), no tiling. A
 * batch of GEMMs runs as that many layers, each starting with empty partitions.
 *
 * <p>Words: an operand element is precision bits wide (the ifmap and ofmap the activations' bits, the filter
 * its fetched bits plus N:M index bits); a partition of B bytes holds B / (bits/8) words and a port of G GB/s
 * moves G·1000/clock_mhz bytes per cycle. A convolution's ifmap is addressed through its window (an input element
 * read by several windows is one element); other GEMMs' operands are distinct elements.
 */
public final class PartitionedArrayModel {
    private PartitionedArrayModel() {
    }

    /** The layer's run, its cost, and what it ran on. */
    public record Run(PartitionedMemory.Result memory, OpCost cost, long batch, boolean sized) {
    }

    public static OpCost run(OpNode node, GemmWork w, NmArraySpec a, boolean sparseMode, BufferSpec buffer,
                             DramSpec dram, double clockMhz, OnChip onChip) {
        return simulate(node, w, a, sparseMode, buffer, dram, clockMhz, onChip).cost();
    }

    public static Run simulate(OpNode node, GemmWork w, NmArraySpec a, boolean sparseMode, BufferSpec buffer,
                               DramSpec dram, double clockMhz, OnChip onChip) {
        BufferPartitions parts = buffer.partitions();
        long m = w.m();
        long k = sparseMode ? w.effectiveK() : w.k();
        long n = w.n();
        SystolicStreams.IfmapAddressing im = SystolicStreams.gemm(m, k);
        if (node != null && node.operator() instanceof Conv2d c && node.pass() == Pass.FORWARD && !sparseMode
                && w.batch() == 1 && m == c.gemmM() && k == c.gemmK() && n == c.outC()) {
            im = SystolicStreams.conv(c.batch(), c.inC(), c.inH(), c.inW(), c.kernelH(), c.kernelW(), c.stride(),
                    c.padding(), c.outH(), c.outW());
        }
        SystolicStreams s = new SystolicStreams(a.rows(), a.cols(), a.dataflow(), m, k, n, im);
        String why = PartitionedMemory.tooLarge(s);
        if (why != null) {
            throw new SpecException(node == null ? null : "operator " + node.name(), null, "layer too large for the per-operand buffer "
                    + "model (" + why + "): use a buffer without partitions");
        }
        double actBytes = w.actBits() / 8.0;
        double filterBytes = (w.bBitsFetched() + (sparseMode ? w.nm().indexBits() : 0)) / 8.0;
        boolean sized = dram.sizedBandwidth();
        long latency = (long) Math.ceil(dram.latencyNs() * clockMhz / 1000.0 - 1e-9);
        boolean bOnChip = !w.bIsWeight() && onChip.input(1);
        PartitionedMemory.Result r = PartitionedMemory.run(s,
                partition(parts.ifmap(), actBytes, clockMhz, latency, onChip.input(0)),
                partition(parts.filter(), filterBytes, clockMhz, latency, bOnChip),
                partition(parts.ofmap(), actBytes, clockMhz, latency, onChip.output()),
                sized, buffer.stallAccounting() == StallAccounting.SCALESIM_V3
                        ? PartitionedMemory.Accounting.SCALESIM_V3 : PartitionedMemory.Accounting.ONCE);
        long b = w.batch();
        long dramBytes = Math.round(b * (r.dramWords()[0] * actBytes + r.dramWords()[1] * filterBytes
                + r.dramWords()[2] * actBytes));
        long reads = Math.round(b * (r.accesses()[0] * actBytes + r.accesses()[1] * filterBytes));
        long writes = Math.round(b * (r.accesses()[2] * actBytes + r.dramWords()[0] * actBytes
                + r.dramWords()[1] * filterBytes));
        long issued = b * m * k * n;
        long useful = w.usefulMacs();
        long compute = b * r.computeCycles();
        long cycles = b * r.total();
        double util = compute <= 0 ? 0 : (double) useful / ((double) a.rows() * a.cols() * (compute + b));
        long memory = 0;
        double[] rates = {port(parts.ifmap(), actBytes, clockMhz), port(parts.filter(), filterBytes, clockMhz),
                port(parts.ofmap(), actBytes, clockMhz)};
        for (int op = 0; op < 3; op++) {
            if (!sized && rates[op] > 0) {
                memory = Math.max(memory, (long) Math.ceil(b * r.dramWords()[op] / rates[op]));
            }
        }
        ActionCounts.Builder acts = ActionCounts.builder()
                .add(Action.mac(Math.max(w.actBits(), w.bBits())), issued)
                .buffer(buffer, reads, writes)
                .add(Action.DRAM_BYTE, dramBytes);
        if (sparseMode) {
            acts.add(Action.MUX_SELECT, issued);
        }
        OpCost cost = new OpCost(cycles, compute, memory, b * r.stalls(), issued, useful, dramBytes, reads, writes, util,
                acts.build(), detail(w, a, sparseMode, r, b, sized, clockMhz, actBytes, filterBytes));
        return new Run(r, cost, b, sized);
    }

    private static PartitionedMemory.Partition partition(BufferPartition p, double bytesPerWord, double clockMhz,
                                                         long latency, boolean onChip) {
        long words = Math.max(1, (long) Math.floor(p.capacityBytes() / bytesPerWord));
        return new PartitionedMemory.Partition(words, port(p, bytesPerWord, clockMhz), latency, onChip);
    }

    /** A port's words per accelerator cycle. */
    private static double port(BufferPartition p, double bytesPerWord, double clockMhz) {
        return p.portGbPerS() * 1e3 / clockMhz / bytesPerWord;
    }

    private static String detail(GemmWork w, NmArraySpec a, boolean sparseMode, PartitionedMemory.Result r, long batch,
                                 boolean sized, double clockMhz, double actBytes, double filterBytes) {
        double[] bytes = {actBytes, filterBytes, actBytes};
        String[] names = {"ifmap", "filter", "ofmap"};
        StringBuilder sb = new StringBuilder();
        sb.append(sparseMode ? w.nm().ratio() + " sparse" : "dense").append(", ").append(a.dataflow().id())
                .append(", per-operand buffers (").append(sized ? "sized" : "fixed").append(" ports): incl. prefetch ")
                .append(batch * r.inclPrefetch()).append(", DRAM GB/s");
        for (int op = 0; op < 3; op++) {
            sb.append(String.format(Locale.ROOT, " %s %.4g", names[op], r.dramWordsPerCycle(op) * bytes[op] * clockMhz / 1e3));
        }
        if (!sized) {
            sb.append(", slides ").append(r.slides()[0]).append('/').append(r.slides()[1]);
        }
        return sb.toString();
    }
}
