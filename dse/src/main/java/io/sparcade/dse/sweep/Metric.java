package io.sparcade.dse.sweep;

import io.sparcade.model.SpecException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a design point is measured by: the objectives a sweep minimises and the quantities its constraints bound.
 * Every metric is "smaller is better". The {@link #column()} is the CSV column and the YAML name.
 */
public enum Metric {
    /** Run time of the whole workload (all repeats), seconds. */
    LATENCY("latency", "latency_s"),
    /** Energy of the whole workload, static included, joules. */
    ENERGY("energy", "energy_j"),
    /** Energy-delay product, joule-seconds. */
    EDP("edp", "edp_js"),
    /** Average power over the run (energy / latency), watts. */
    POWER("power", "power_w"),
    /** DSP48 slices (analytical estimate, see {@code Resources}). */
    DSP48("dsp48", "dsp48"),
    /** 36 Kb block RAMs of the on-chip buffers built from block RAM (and SRAM buffers, as BRAM on an FPGA). */
    BRAM36("bram36", "bram36"),
    /** 288 Kb UltraRAMs of the on-chip buffers built from UltraRAM. */
    URAM288("uram288", "uram288"),
    /** Look-up tables (analytical estimate). */
    LUT("lut", "lut");

    private final String id;
    private final String column;

    Metric(String id, String column) {
        this.id = id;
        this.column = column;
    }

    public String id() {
        return id;
    }

    public String column() {
        return column;
    }

    /** Looks a metric up by its id or column name ({@code latency} or {@code latency_s}). */
    public static Metric parse(String source, String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.id.equals(t) || m.column.equals(t)) {
                return m;
            }
        }
        throw new SpecException(source, field, "unknown metric '" + text + "' (known: "
                + Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")) + ")");
    }
}
