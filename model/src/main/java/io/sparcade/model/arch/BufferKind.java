package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an on-chip buffer is built from: ASIC SRAM macros, or FPGA block RAM (BRAM36) or UltraRAM (URAM288). */
public enum BufferKind {
    /** SRAM macros: energy per byte follows the bank's capacity and width (energy table's SRAM curve). */
    SRAM("sram"),
    /** FPGA 36 Kb block RAMs, 72-bit ports: energy per 72-bit access from the energy table. */
    BRAM("bram"),
    /** FPGA 288 Kb UltraRAMs, 72-bit ports: energy per 72-bit access from the energy table. */
    URAM("uram");

    private final String id;

    BufferKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
