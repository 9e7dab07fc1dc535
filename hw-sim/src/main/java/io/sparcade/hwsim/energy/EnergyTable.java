package io.sparcade.hwsim.energy;

import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferKind;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Energy per action in picojoules and the power parameters of a technology, each with a plausible range and
 * its source (Accelergy's split: the simulator counts actions, the table prices them). Read from a CSV with
 * columns {@code action, unit, energy_pj, low_pj, high_pj, source}; every entry of {@link #REQUIRED} must be
 * there. Two tables ship: {@code asic-45nm.csv} (Horowitz, ISSCC 2014, scaled to an ASIC's process node) and
 * {@code fpga-16nm.csv} (DSP48/LUT/BRAM/URAM estimates for UltraScale+ and Versal).
 *
 * <p>What is priced how: MACs, vector ops, comparisons and mux selects per count ({@link Action}); on-chip
 * buffer bytes per buffer, by its kind: SRAM from a fit of energy per 64-bit read against the bank's capacity
 * (E = a + b·sqrt(KiB)) times (bank width / 64)^q, writes x {@code sram_write_over_read}; BRAM36/URAM288 per
 * 72-bit access; off-chip bytes by memory technology ({@code dram_byte_<family>}). For an ASIC the logic and SRAM
 * entries scale with the process node as (node / reference)^e ({@code node_energy_exponent}).
 */
public final class EnergyTable {
    /** Where a table's values are read: the nominal column, or the low or high end of each range. */
    public enum Bound { NOMINAL, LOW, HIGH }

    /**
     * One entry.
     *
     * @param id     action or parameter id
     * @param unit   what the value is per
     * @param value  nominal value
     * @param low    low end of its plausible range
     * @param high   high end
     * @param source where the number comes from (paper, datasheet, or "estimate" with its reasoning)
     */
    public record Entry(String id, String unit, double value, double low, double high, String source) {
        double at(Bound b) {
            return b == Bound.LOW ? low : b == Bound.HIGH ? high : value;
        }
    }

    /** Every entry a table must price. */
    public static final List<String> REQUIRED;

    static {
        List<String> r = new ArrayList<>();
        for (Action a : Action.values()) {
            if (a != Action.DRAM_BYTE) {
                r.add(a.id());
            }
        }
        r.addAll(List.of("reference_node_nm", "node_energy_exponent", "sram_read_64b_fixed",
                "sram_read_64b_per_sqrt_kib", "sram_width_exponent", "sram_write_over_read", "bram36_access_72b",
                "uram288_access_72b", "clock_pj_per_dsp48_cycle", "clock_pj_per_bram36_cycle",
                "clock_pj_per_uram288_cycle", "clock_pj_per_klut_cycle", "leakage_mw_per_mac_unit",
                "leakage_mw_per_mib_sram"));
        for (String f : dramFamilies()) {
            r.add("dram_byte_" + f);
            r.add("dram_background_w_" + f);
        }
        REQUIRED = List.copyOf(r);
    }

    private final String name;
    private final Map<String, Entry> entries;
    private final Bound bound;

    private EnergyTable(String name, Map<String, Entry> entries, Bound bound) {
        this.name = name;
        this.entries = entries;
        this.bound = bound;
    }

    /** The memory families the table prices: a technology's id without its speed grade (ddr4-2400 -> ddr4). */
    public static List<String> dramFamilies() {
        List<String> f = new ArrayList<>();
        for (DramTechnology t : DramTechnology.values()) {
            String fam = family(t);
            if (!f.contains(fam)) {
                f.add(fam);
            }
        }
        return f;
    }

    static String family(DramTechnology t) {
        String id = t.id();
        return id.startsWith("ddr4") ? "ddr4" : id;
    }

    /** The shipped table for an architecture: FPGA designs use the FPGA table, ASICs the 45 nm one (scaled). */
    public static EnergyTable forArchitecture(Architecture arch) {
        return builtIn(arch.fpga() ? "fpga-16nm.csv" : "asic-45nm.csv");
    }

    /** The shipped tables, parsed once (a table is immutable once parsed). */
    private static final Map<String, EnergyTable> BUILT_IN = new java.util.concurrent.ConcurrentHashMap<>();

    /** A shipped table by file name ({@code asic-45nm.csv}, {@code fpga-16nm.csv}). */
    public static EnergyTable builtIn(String file) {
        EnergyTable t = BUILT_IN.get(file);
        if (t == null) {
            t = readBuiltIn(file);
            BUILT_IN.put(file, t);
        }
        return t;
    }

    private static EnergyTable readBuiltIn(String file) {
        String res = "/io/sparcade/hwsim/energy/" + file;
        try (InputStream in = EnergyTable.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + res);
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EnergyTable load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses the CSV text; fails with the file, line and field on any problem. */
    public static EnergyTable parse(String source, String csv) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.parse(csv, CSVFormat.DEFAULT.builder().setTrim(true).get())) {
            records = p.getRecords();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + ": not a CSV file: " + e.getMessage());
        }
        String header = "action,unit,energy_pj,low_pj,high_pj,source";
        if (records.isEmpty() || !String.join(",", records.get(0).toList()).replace(" ", "").equals(header)) {
            throw new IllegalArgumentException(source + ":1: header must be " + header);
        }
        for (int i = 1; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            String where = source + ":" + r.getRecordNumber();
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != 6) {
                throw new IllegalArgumentException(where + ": expected 6 fields, got " + r.size());
            }
            String id = r.get(0);
            if (!REQUIRED.contains(id)) {
                throw new IllegalArgumentException(where + ": action: unknown '" + id + "'");
            }
            if (entries.containsKey(id)) {
                throw new IllegalArgumentException(where + ": action: '" + id + "' is priced twice");
            }
            double v = number(r.get(2), where, "energy_pj");
            double lo = number(r.get(3), where, "low_pj");
            double hi = number(r.get(4), where, "high_pj");
            if (!(lo <= v && v <= hi)) {
                throw new IllegalArgumentException(where + ": low_pj <= energy_pj <= high_pj must hold, got " + lo + ", "
                        + v + ", " + hi);
            }
            boolean signed = id.endsWith("_exponent");
            if (!signed && lo < 0) {
                throw new IllegalArgumentException(where + ": energy_pj: expected a number >= 0, got " + lo);
            }
            if (r.get(5).isEmpty()) {
                throw new IllegalArgumentException(where + ": source: every energy must name its source");
            }
            entries.put(id, new Entry(id, r.get(1), v, lo, hi, r.get(5)));
        }
        for (String id : REQUIRED) {
            if (!entries.containsKey(id)) {
                throw new IllegalArgumentException(source + ": action: no energy for '" + id + "'");
            }
        }
        return new EnergyTable(source, Map.copyOf(entries), Bound.NOMINAL);
    }

    private static double number(String s, String where, String field) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(where + ": " + field + ": expected a number, got '" + s + "'");
    }

    /** This table with every entry read at {@code b}. */
    public EnergyTable at(Bound b) {
        return new EnergyTable(name + (b == Bound.NOMINAL ? "" : " (" + b.name().toLowerCase(Locale.ROOT) + ")"),
                entries, b);
    }

    /** This table with one entry moved to {@code b}, the others nominal. */
    public EnergyTable with(String id, Bound b) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no entry '" + id + "'");
        }
        Map<String, Entry> m = new LinkedHashMap<>(entries);
        m.put(id, new Entry(id, e.unit(), e.at(b), e.at(b), e.at(b), e.source()));
        return new EnergyTable(name + " (" + id + " " + b.name().toLowerCase(Locale.ROOT) + ")", Map.copyOf(m), bound);
    }

    public String name() {
        return name;
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    /** The value of an entry at this table's bound. */
    public double value(String id) {
        Entry e = entries.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no entry '" + id + "'");
        }
        return e.at(bound);
    }

    public String source(String id) {
        return entries.get(id).source();
    }

    /** Energy scaling of logic and SRAM to an ASIC's node; 1 for an FPGA (its table is the device's own). */
    public double nodeFactor(Architecture arch) {
        if (arch.fpga() || arch.processNm() <= 0) {
            return 1;
        }
        return Math.pow(arch.processNm() / value("reference_node_nm"), value("node_energy_exponent"));
    }

    /** pJ of one action on {@code arch} (not for {@link Action#DRAM_BYTE}: see {@link #dramPjPerByte}). */
    public double actionPj(Action a, Architecture arch) {
        if (a == Action.DRAM_BYTE) {
            return dramPjPerByte(arch.dram());
        }
        return value(a.id()) * nodeFactor(arch);
    }

    /** pJ per byte read from (or written to) a buffer. */
    public double bufferPjPerByte(BufferSpec b, boolean write, Architecture arch) {
        if (b.kind() == BufferKind.BRAM) {
            return value("bram36_access_72b") / 9;
        }
        if (b.kind() == BufferKind.URAM) {
            return value("uram288_access_72b") / 9;
        }
        double kib = b.bankBytes() / 1024;
        double per64 = value("sram_read_64b_fixed") + value("sram_read_64b_per_sqrt_kib") * Math.sqrt(kib);
        double width = Math.max(8, b.bankWidthBits());
        double perByte = per64 / 8 * Math.pow(width / 64, value("sram_width_exponent")) * nodeFactor(arch);
        return write ? perByte * value("sram_write_over_read") : perByte;
    }

    public double dramPjPerByte(DramSpec d) {
        return value("dram_byte_" + family(d.technology()));
    }

    /** Always-on power of the memory's interface (refresh, standby, termination), W. */
    public double dramBackgroundW(DramSpec d) {
        return value("dram_background_w_" + family(d.technology())) * d.channels();
    }

    /** Dynamic energy of the counted actions on {@code arch}, pJ. */
    public double price(ActionCounts counts, Architecture arch) {
        double e = 0;
        for (Map.Entry<Action, Long> c : counts.asMap().entrySet()) {
            e += c.getValue() * actionPj(c.getKey(), arch);
        }
        for (BufferSpec b : counts.buffers()) {
            e += counts.bufferReads(b) * bufferPjPerByte(b, false, arch)
                    + counts.bufferWrites(b) * bufferPjPerByte(b, true, arch);
        }
        return e;
    }
}
