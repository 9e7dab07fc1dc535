package io.sparcade.hwsim.energy;

/**
 * Actions the simulator counts; an {@link EnergyTable} prices each. Ids are the table's {@code action} column
 * (off-chip bytes are priced per memory technology, {@code dram_byte_<family>}; on-chip buffer bytes are counted
 * per buffer and priced by the buffer's kind, bank capacity and width: see {@link ActionCounts}).
 */
public enum Action {
    MAC_8B("mac_8b"),
    /** One of two INT8 MACs sharing a DSP48 cycle (FlightLLM's packing). */
    MAC_8B_PACKED("mac_8b_packed"),
    MAC_12B("mac_12b"),
    MAC_16B("mac_16b"),
    MAC_32B("mac_32b"),
    VECTOR_OP_8B("vector_op_8b"),
    VECTOR_OP_16B("vector_op_16b"),
    COMPARE("compare"),
    MUX_SELECT("mux_select"),
    /** A byte read from or written to off-chip memory. */
    DRAM_BYTE("dram_byte");

    private final String id;

    Action(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The MAC action for operands of {@code bits} bits. */
    public static Action mac(int bits) {
        return bits <= 8 ? MAC_8B : bits <= 12 ? MAC_12B : bits <= 16 ? MAC_16B : MAC_32B;
    }

    public static Action vectorOp(int bits) {
        return bits <= 8 ? VECTOR_OP_8B : VECTOR_OP_16B;
    }
}
