package io.sparcade.model.arch;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.List;

/**
 * FlightLLM's configurable sparse DSP chains (CSD-chain): {@code chains} cascades, each of
 * {@code groupsPerChain} groups of {@code dspsPerGroup} DSP48s with a fixed cascade inside a group and
 * configurable break points (reduction nodes) between groups. An M:1 sparse multiplexer in front of each DSP
 * picks the activation for an N:M sparse weight; with {@code int8Packing} one DSP48 computes two INT8 MACs
 * that share a weight.
 *
 * @param chains         number of independent chains
 * @param groupsPerChain DSP groups per chain
 * @param dspsPerGroup   DSP48s per group (FlightLLM: 2)
 * @param int8Packing    two INT8 MACs per DSP48
 * @param supportedM     group sizes M of the sparse multiplexers (FlightLLM: 16); empty means dense-only
 * @param precisionBits  operand width in bits
 * @param buffer         name of the buffer unit feeding the chains
 * @param weightBytesPerCycle width of the weight stream into the chains, bytes per cycle; 0 = not limited. When
 *                       every weight is used by one activation row only (MV mode, decode), this feed, not the
 *                       DSP count, sets the rate: FlightLLM's timing model (artifact) feeds 64 output columns x
 *                       16 weights of INT4 per cycle, 512 B, hence its MV rate of 1,024 MAC/cycle per core
 */
public record DspChainSpec(int chains, int groupsPerChain, int dspsPerGroup, boolean int8Packing,
                           List<Integer> supportedM, int precisionBits, String buffer, double weightBytesPerCycle)
        implements ComputeUnitSpec {
    public static final String TYPE = "dsp-chain";

    public DspChainSpec(int chains, int groupsPerChain, int dspsPerGroup, boolean int8Packing,
                        List<Integer> supportedM, int precisionBits, String buffer) {
        this(chains, groupsPerChain, dspsPerGroup, int8Packing, supportedM, precisionBits, buffer, 0);
    }

    public DspChainSpec {
        Checks.positive(chains, "chains");
        Checks.positive(groupsPerChain, "groups_per_chain");
        if (dspsPerGroup == 0) {
            dspsPerGroup = 2;
        }
        Checks.positive(dspsPerGroup, "dsps_per_group");
        supportedM = Checks.list(supportedM);
        for (int m : supportedM) {
            if (!Checks.isPowerOfTwo(m) || m < 2) {
                throw new SpecException("supported_m", "each M must be a power of two >= 2, got " + m);
            }
        }
        if (precisionBits == 0) {
            precisionBits = 8;
        }
        Checks.positive(precisionBits, "precision_bits");
        Checks.name(buffer, "buffer");
        Checks.nonNegative(weightBytesPerCycle, "weight_bytes_per_cycle");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** DSP48 slices in one chain. */
    public int dspsPerChain() {
        return groupsPerChain * dspsPerGroup;
    }

    /** DSP48 slices in all chains. */
    public int totalDsps() {
        return chains * dspsPerChain();
    }

    public boolean supportsM(int m) {
        return supportedM.contains(m);
    }

    /**
     * DSPs per segment for a reduction of {@code k} terms (N:M sparse with {@code nmN} nonzeros per group, 0
     * when dense): whole groups (the reduction nodes that break the chain sit at group ends), at most L/N when
     * sparse, and no longer than the reduction needs.
     */
    public int segmentLength(long k, int nmN) {
        int l = dspsPerChain();
        int cap = nmN > 0 ? Math.max(dspsPerGroup, l / nmN / dspsPerGroup * dspsPerGroup) : l;
        long needed = ((k + dspsPerGroup - 1) / dspsPerGroup) * dspsPerGroup;
        return (int) Math.min(cap, Math.max(dspsPerGroup, needed));
    }

    /** Output columns one cycle of all chains covers: chains x segments per chain (see {@link #segmentLength}). */
    public long columnsPerCycle(long k, int nmN) {
        return (long) chains * (dspsPerChain() / segmentLength(k, nmN));
    }
}
