package io.sparcade.hwsim.memory;

/**
 * What a compute unit asks of per-operand memories (see {@link PartitionedMemory}), cycle by cycle: which
 * elements of each input operand (ifmap, filter) it reads in a cycle, how many output (ofmap) elements it writes,
 * and in which order a prefetcher brings each input in. Elements are identified by an address in
 * [0, {@link #addressSpace}); -1 is an empty slot (no request).
 */
public interface OperandStreams {
    /** The first input operand (a GEMM's A: activations). */
    int IFMAP = 0;
    /** The second input operand (a GEMM's B: weights or a second activation). */
    int FILTER = 1;

    /** Receives a prefetch sequence element by element. */
    interface AddressSink {
        void accept(int address);
    }

    /** Cycles with demands: one row per compute cycle. */
    long rows();

    /** Slots per cycle of an input operand's demand. */
    int width(int operand);

    /** The addresses an input operand is read at in cycle {@code row} (width slots, -1 for none). */
    void demand(int operand, long row, int[] out);

    /** Output elements written in cycle {@code row}. */
    int writes(long row);

    /** Slots of an input operand's prefetch sequence, empty ones included. */
    long prefetchLength(int operand);

    /** Streams an input operand's prefetch sequence, empty slots (-1) included. */
    void prefetch(int operand, AddressSink sink);

    /** An input operand's addresses lie in [0, addressSpace). */
    long addressSpace(int operand);

    /** Distinct addresses of an input operand that are read. */
    long distinct(int operand);
}
