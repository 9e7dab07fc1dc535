package io.sparcade.hwsim.energy;

/** Actions the simulator counts; an {@link EnergyTable} prices each. Ids are the table's {@code action} column. */
public enum Action {
    MAC_8B("mac_8b"),
    MAC_16B("mac_16b"),
    MAC_32B("mac_32b"),
    VECTOR_OP_8B("vector_op_8b"),
    VECTOR_OP_16B("vector_op_16b"),
    COMPARE("compare"),
    MUX_SELECT("mux_select"),
    SRAM_BYTE_8KIB("sram_byte_8kib"),
    SRAM_BYTE_32KIB("sram_byte_32kib"),
    SRAM_BYTE_1MIB("sram_byte_1mib"),
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
        return bits <= 8 ? MAC_8B : bits <= 16 ? MAC_16B : MAC_32B;
    }

    public static Action vectorOp(int bits) {
        return bits <= 8 ? VECTOR_OP_8B : VECTOR_OP_16B;
    }

    /** The SRAM access action for a buffer of {@code capacityBytes}: the smallest listed size that holds it. */
    public static Action sramByte(long capacityBytes) {
        if (capacityBytes <= 8 * 1024) {
            return SRAM_BYTE_8KIB;
        }
        if (capacityBytes <= 32 * 1024) {
            return SRAM_BYTE_32KIB;
        }
        return SRAM_BYTE_1MIB;
    }
}
