package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a partitioned buffer counts the cycles the array waits for a read that missed. {@link #ONCE}: the array
 * waits until the data has arrived, no longer. {@link #SCALESIM_V3}: as SCALE-Sim v3 counts it
 * (scalesim/memory/read_buffer.py:362-364 at commit fab89b7): a positive shortfall is added twice, and data that
 * arrived early lowers the wait of a second miss in the same cycle; the {@code scalesim-cfg:} reader sets it so
 * that Sparcade's totals are SCALE-Sim's.
 */
public enum StallAccounting {
    ONCE("once"),
    SCALESIM_V3("scalesim-v3");

    private final String id;

    StallAccounting(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
