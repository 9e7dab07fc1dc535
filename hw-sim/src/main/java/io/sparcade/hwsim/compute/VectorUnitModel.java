package io.sparcade.hwsim.compute;

import io.sparcade.dataflow.OnChip;
import io.sparcade.dataflow.VectorWork;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.energy.Action;
import io.sparcade.hwsim.energy.ActionCounts;
import io.sparcade.hwsim.memory.DramModel;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.VectorUnitSpec;

/**
 * Cycle model of a vector / special-function unit: {@code passes} sweeps of ceil(elements / lanes) cycles
 * (softmax and norms take two passes, papers.md §3). Operands stream from DRAM alongside; the slower bounds.
 */
public final class VectorUnitModel {
    private VectorUnitModel() {
    }

    public static OpCost run(VectorWork w, VectorUnitSpec v, BufferSpec buffer, DramModel dram, OnChip onChip) {
        long compute = (long) w.passes() * ((w.elements() + v.lanes() - 1) / v.lanes());
        long offChipInputs = w.inputs() - onChip.inputs().stream().filter(i -> i < w.inputs()).count();
        long dramBytes = (long) Math.ceil((double) w.inputBytes() * offChipInputs / w.inputs())
                + (onChip.output() ? 0 : w.outputBytes());
        long mem = dram.cycles(dramBytes) + (dramBytes > 0 ? dram.latencyCycles() : 0);
        long total = buffer.doubleBuffered() ? Math.max(mem, compute) : mem + compute;
        long bufReads = w.inputBytes() * w.passes();
        long bufWrites = w.inputBytes() + w.outputBytes();
        ActionCounts acts = ActionCounts.builder()
                .add(Action.vectorOp(Math.max(w.bits(), v.precisionBits())), w.elements() * w.passes())
                .buffer(buffer, bufReads, bufWrites)
                .add(Action.DRAM_BYTE, dramBytes)
                .build();
        return new OpCost(total, compute, mem, total - compute, 0, 0, dramBytes, bufReads, bufWrites, 0, acts,
                w.function() + ", " + w.passes() + " pass(es)");
    }
}
