package io.sparcade.hwsim;

import io.sparcade.hwsim.energy.ActionCounts;

/**
 * What one node costs on one unit.
 *
 * @param cycles           from first transfer to last result
 * @param computeCycles    cycles the unit computes (for arrays, SCALE-Sim's convention: index of the last cycle)
 * @param memoryCycles     cycles of off-chip transfer
 * @param stallCycles      cycles the unit waited for memory
 * @param macsIssued       MACs the datapath performs (includes multiplications by pruned zeros when N:M is not exploited)
 * @param macsUseful       MACs on nonzero weights
 * @param dramBytes        off-chip bytes read and written
 * @param bufferReadBytes  bytes read from the on-chip buffer
 * @param bufferWriteBytes bytes written to the on-chip buffer
 * @param utilisation      useful MACs per MAC slot of the unit over its compute cycles (0 for non-MAC units)
 * @param actions          counted actions for energy
 * @param detail           model-specific notes (e.g. quick-select rounds)
 * @param metadataBytes    of {@code dramBytes}, the sparse formats' metadata (N:M indices, bitmaps, CSR indices)
 */
public record OpCost(long cycles, long computeCycles, long memoryCycles, long stallCycles, long macsIssued,
                     long macsUseful, long dramBytes, long bufferReadBytes, long bufferWriteBytes, double utilisation,
                     ActionCounts actions, String detail, long metadataBytes) {

    public static final OpCost ZERO = new OpCost(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ActionCounts.NONE, "view");

    public OpCost(long cycles, long computeCycles, long memoryCycles, long stallCycles, long macsIssued,
                  long macsUseful, long dramBytes, long bufferReadBytes, long bufferWriteBytes, double utilisation,
                  ActionCounts actions, String detail) {
        this(cycles, computeCycles, memoryCycles, stallCycles, macsIssued, macsUseful, dramBytes, bufferReadBytes,
                bufferWriteBytes, utilisation, actions, detail, 0);
    }

    public boolean memoryBound() {
        return memoryCycles > computeCycles;
    }
}
