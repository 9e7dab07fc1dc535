package io.sparcade.model.spec;

import io.sparcade.model.SpecException;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.arch.BufferPartition;
import io.sparcade.model.arch.BufferPartitions;
import io.sparcade.model.arch.BufferSpec;
import io.sparcade.model.arch.Dataflow;
import io.sparcade.model.arch.DramSpec;
import io.sparcade.model.arch.DramTechnology;
import io.sparcade.model.arch.NmArraySpec;
import io.sparcade.model.arch.StallAccounting;
import io.sparcade.model.arch.UnitSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SCALE-Sim v3 {@code .cfg} (INI as Python's configparser reads it: {@code key: value} or
 * {@code key = value}, keys case-insensitive, section names exact) as the architecture SCALE-Sim simulates:
 * <ul>
 *   <li>{@code array}: ArrayHeight x ArrayWidth PEs with the Dataflow (os, ws or is);</li>
 *   <li>{@code sram}: a buffer partitioned into the ifmap, filter and ofmap SRAMs (kB each), each double buffered
 *       with its own DRAM port, counting read stalls as SCALE-Sim v3 does ({@code stall_accounting: scalesim-v3});</li>
 *   <li>{@code dram}: with {@code InterfaceBandwidth: USER}, a memory of the three ports' GB/s: the ifmap and filter
 *       SRAMs fill at {@code [layout] IfmapSRAMBankBandwidth} / {@code FilterSRAMBankBandwidth} words per cycle and
 *       the ofmap drains at {@code Bandwidth} (SCALE-Sim v3, single_layer_sim.py:250-254: {@code Bandwidth} paces
 *       only the ofmap); with {@code CALC}, a sized memory (reads never stall; the first fills run at SCALE-Sim's
 *       fixed 10 words per cycle and the ofmap drains at ArrayWidth words per cycle, single_layer_sim.py:256-263).</li>
 * </ul>
 * A word is one byte and the clock 1 GHz, so words per cycle are GB/s. Keys that change cycles but are not modelled
 * (sparsity, custom layouts, Ramulator traces) are refused; keys SCALE-Sim reads without effect on cycles are
 * accepted; unknown sections and keys are refused. Every error names the file, line, section and key.
 */
public final class ScaleSimConfig {
    /** SCALE-Sim counts cycles only; 1 GHz makes a cycle a nanosecond and words (bytes) per cycle GB/s. */
    static final double CLOCK_MHZ = 1000;
    /** CALC mode's fill bandwidth of the ifmap and filter SRAMs, words per cycle (single_layer_sim.py:261-262). */
    static final int CALC_FILL_WORDS = 10;
    /** SCALE-Sim's DRAM read latency, cycles (read_port.py:17), as ns at the reader's 1 GHz. */
    static final double READ_LATENCY_NS = 1;

    /** Sections and keys (lower case) SCALE-Sim v3 reads (scale_config.py:63-153), plus keys its shipped configs carry. */
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "general", Set.of("run_name"),
            "architecture_presets", Set.of("arrayheight", "arraywidth", "ifmapsramszkb", "filtersramszkb",
                    "ofmapsramszkb", "ifmapoffset", "filteroffset", "ofmapoffset", "dataflow", "bandwidth",
                    "readrequestbuffer", "writerequestbuffer", "memorybanks", "onchipmemorybanks",
                    "onchipmemorybankports", "topologycsvloc"),
            "run_presets", Set.of("interfacebandwidth", "useramulatortrace"),
            "layout", Set.of("ifmapcustomlayout", "filtercustomlayout", "ifmapsrambankbandwidth", "ifmapsrambanknum",
                    "ifmapsrambankport", "filtersrambankbandwidth", "filtersrambanknum", "filtersrambankport"),
            "sparsity", Set.of("sparsitysupport", "sparserep", "optimizedmapping", "blocksize",
                    "randomnumbergeneratorseed"),
            "network_presets", Set.of("topologycsvloc"));

    private ScaleSimConfig() {
    }

    /** One {@code key: value} line. */
    private record Entry(String key, String value, int line) {
    }

    /** The parsed file: sections in order, each with its keys (lower case). */
    private record Ini(String source, Map<String, Map<String, Entry>> sections) {
        Entry get(String section, String key) {
            Map<String, Entry> s = sections.get(section);
            return s == null ? null : s.get(key.toLowerCase(Locale.ROOT));
        }

        boolean has(String section) {
            return sections.containsKey(section);
        }

        SpecException error(String section, String key, String problem) {
            Entry e = get(section, key);
            return new SpecException(e == null ? source : source + ":" + e.line(), "[" + section + "] " + key, problem);
        }

        Entry required(String section, String key, String why) {
            if (!has(section)) {
                throw new SpecException(source, "[" + section + "]", "missing section (" + why + ")");
            }
            Entry e = get(section, key);
            if (e == null) {
                throw error(section, key, "missing (" + why + ")");
            }
            return e;
        }

        int positiveInt(String section, String key, String why) {
            Entry e = required(section, key, why);
            return parsePositiveInt(section, key, e.value());
        }

        int parsePositiveInt(String section, String key, String v) {
            try {
                int i = Integer.parseInt(v.trim());
                if (i > 0) {
                    return i;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw error(section, key, "expected a positive integer, got '" + v + "'");
        }

        /** A key with no effect on cycles: checked to be an integer (SCALE-Sim int()s it) when present. */
        void integerIfPresent(String section, String key) {
            Entry e = get(section, key);
            if (e != null) {
                try {
                    Long.parseLong(e.value().trim());
                } catch (NumberFormatException ex) {
                    throw error(section, key, "expected an integer, got '" + e.value() + "'");
                }
            }
        }

        /** configparser's getboolean: 1/yes/true/on and 0/no/false/off, any case; null when absent. */
        Boolean bool(String section, String key) {
            Entry e = get(section, key);
            if (e == null) {
                return null;
            }
            String v = e.value().trim().toLowerCase(Locale.ROOT);
            if (Set.of("1", "yes", "true", "on").contains(v)) {
                return true;
            }
            if (Set.of("0", "no", "false", "off").contains(v)) {
                return false;
            }
            throw error(section, key, "expected True or False, got '" + e.value() + "'");
        }
    }

    public static Architecture read(Path file) {
        Ini ini = parse(file);
        int rows = ini.positiveInt("architecture_presets", "ArrayHeight", "rows of the array");
        int cols = ini.positiveInt("architecture_presets", "ArrayWidth", "columns of the array");
        int ifmapKb = ini.positiveInt("architecture_presets", "IfmapSramSzkB", "the ifmap SRAM's size");
        int filterKb = ini.positiveInt("architecture_presets", "FilterSramSzkB", "the filter SRAM's size");
        int ofmapKb = ini.positiveInt("architecture_presets", "OfmapSramSzkB", "the ofmap SRAM's size");
        Dataflow dataflow = dataflow(ini);
        for (String k : List.of("IfmapOffset", "FilterOffset", "OfmapOffset", "ReadRequestBuffer", "WriteRequestBuffer")) {
            // offsets only keep the operands' addresses apart (each operand has its own SRAM); the request buffers
            // act only with Ramulator traces (refused below)
            ini.integerIfPresent("architecture_presets", k);
        }
        boolean user = interfaceBandwidth(ini);
        refuseUnmodelled(ini);

        BufferPartitions partitions;
        DramSpec dram;
        String mode;
        if (user) {
            int bw = bandwidth(ini);
            int ifmapBw = bankBandwidth(ini, "Ifmap");
            int filterBw = bankBandwidth(ini, "Filter");
            partitions = new BufferPartitions(new BufferPartition(ifmapKb, gbPerS(ifmapBw)),
                    new BufferPartition(filterKb, gbPerS(filterBw)), new BufferPartition(ofmapKb, gbPerS(bw)));
            dram = new DramSpec(DramTechnology.GENERIC, 1, partitions.portsGbPerS(), 1.0, READ_LATENCY_NS, null);
            mode = "USER: ifmap " + ifmapBw + ", filter " + filterBw + ", ofmap " + bw + " words/cycle";
        } else {
            partitions = new BufferPartitions(new BufferPartition(ifmapKb, gbPerS(CALC_FILL_WORDS)),
                    new BufferPartition(filterKb, gbPerS(CALC_FILL_WORDS)), new BufferPartition(ofmapKb, gbPerS(cols)));
            dram = new DramSpec(DramTechnology.GENERIC, 1, 0, 1.0, READ_LATENCY_NS, true);
            mode = "CALC: bandwidth sized to compute";
        }
        Entry runName = ini.get("general", "run_name");
        String name = runName != null && !runName.value().isBlank() ? runName.value().trim()
                : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Map<String, UnitSpec> units = new LinkedHashMap<>();
        units.put("array", new NmArraySpec(rows, cols, dataflow, 8, List.of(), "sram"));
        // SCALE-Sim never limits SRAM reads: the array takes rows + cols words per cycle at most
        units.put("sram", new BufferSpec(partitions, rows + cols, StallAccounting.SCALESIM_V3));
        units.put("dram", dram);
        try {
            return new Architecture(name, "SCALE-Sim config " + file.getFileName() + " (" + mode + ")", CLOCK_MHZ, 0, units);
        } catch (SpecException e) {
            throw e.locate(ini.source(), null);
        }
    }

    private static double gbPerS(int wordsPerCycle) {
        return wordsPerCycle * CLOCK_MHZ / 1000; // one-byte words
    }

    private static Dataflow dataflow(Ini ini) {
        Entry e = ini.required("architecture_presets", "Dataflow", "os, ws or is");
        return switch (e.value().trim()) {
            case "os" -> Dataflow.OS;
            case "ws" -> Dataflow.WS;
            case "is" -> Dataflow.IS;
            default -> throw ini.error("architecture_presets", "Dataflow", "invalid value '" + e.value().trim()
                    + "' (allowed: os, ws, is; SCALE-Sim v3 would warn and run any other value as os)");
        };
    }

    /** True for USER, false for CALC. */
    private static boolean interfaceBandwidth(Ini ini) {
        Entry e = ini.required("run_presets", "InterfaceBandwidth", "USER or CALC");
        return switch (e.value().trim()) {
            case "USER" -> true;
            case "CALC" -> false;
            default -> throw ini.error("run_presets", "InterfaceBandwidth", "expected USER or CALC, got '"
                    + e.value().trim() + "'");
        };
    }

    /** USER mode: the ofmap drain, words per cycle; only the first of a list counts in SCALE-Sim, so give one. */
    private static int bandwidth(Ini ini) {
        Entry e = ini.required("architecture_presets", "Bandwidth", "USER mode: the ofmap's DRAM words per cycle");
        String[] parts = e.value().split(",");
        if (parts.length > 1) {
            throw ini.error("architecture_presets", "Bandwidth", "one number expected, got '" + e.value()
                    + "' (SCALE-Sim v3 uses only the first)");
        }
        return ini.parsePositiveInt("architecture_presets", "Bandwidth", parts[0]);
    }

    /** USER mode: a read SRAM's fill bandwidth, words per cycle, which SCALE-Sim v3 takes from {@code [layout]}. */
    private static int bankBandwidth(Ini ini, String operand) {
        String key = operand + "SRAMBankBandwidth";
        int bw = ini.positiveInt("layout", key, "USER mode: SCALE-Sim v3 fills the " + operand.toLowerCase(Locale.ROOT)
                + " SRAM from DRAM at this many words per cycle (Bandwidth paces only the ofmap)");
        Entry banks = ini.get("layout", operand + "SRAMBankNum");
        if (banks != null) {
            int n = ini.parsePositiveInt("layout", operand + "SRAMBankNum", banks.value());
            if (bw % n != 0) {
                throw ini.error("layout", key, bw + " is not a multiple of " + operand + "SRAMBankNum " + n
                        + " (SCALE-Sim v3 asserts it in USER mode, read_buffer.py:94-96)");
            }
        }
        ini.integerIfPresent("layout", operand + "SRAMBankPort");
        return bw;
    }

    /** Keys whose value would change SCALE-Sim's cycles in ways this model does not follow. */
    private static void refuseUnmodelled(Ini ini) {
        Entry ram = ini.get("run_presets", "UseRamulatorTrace");
        if (ram != null) {
            String v = ram.value().trim();
            if (v.equals("True")) {
                throw ini.error("run_presets", "UseRamulatorTrace", "True is not modelled (per-request DRAM latencies "
                        + "from Ramulator runs); set it to False");
            }
            if (!v.equals("False")) {
                throw ini.error("run_presets", "UseRamulatorTrace", "expected True or False, got '" + v
                        + "' (SCALE-Sim v3 enables Ramulator only for exactly True)");
            }
        }
        for (String k : List.of("IfmapCustomLayout", "FilterCustomLayout")) {
            if (Boolean.TRUE.equals(ini.bool("layout", k))) {
                throw ini.error("layout", k, "custom SRAM layouts (banked reads from a layout file) are not modelled; "
                        + "set it to False");
            }
        }
        Entry sparse = ini.get("sparsity", "SparsitySupport");
        if (sparse != null && sparse.value().trim().equalsIgnoreCase("true")) {
            throw ini.error("sparsity", "SparsitySupport", "SCALE-Sim's N:M filter compression is not modelled by this "
                    + "reader; set it to false (Sparcade's own N:M is a workload sparsity overlay)");
        }
    }

    private static Ini parse(Path file) {
        String source = file.toString();
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        List<String> lines = Specs.read(file).lines().toList();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.trim();
            String where = source + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new SpecException(where, null, "malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).trim();
                if (!KNOWN.containsKey(section)) {
                    String lower = section.toLowerCase(Locale.ROOT);
                    throw new SpecException(where, "[" + section + "]", KNOWN.containsKey(lower)
                            ? "section names are case-sensitive in SCALE-Sim: write [" + lower + "]"
                            : "unknown section (SCALE-Sim v3 reads general, architecture_presets, run_presets, layout, "
                                    + "sparsity, network_presets)");
                }
                if (sections.containsKey(section)) {
                    throw new SpecException(where, "[" + section + "]", "section given twice");
                }
                sections.put(section, new LinkedHashMap<>());
                continue;
            }
            int sep = firstSeparator(line);
            if (sep <= 0) {
                throw new SpecException(where, null, "expected 'key: value', got '" + line + "'");
            }
            String key = line.substring(0, sep).trim();
            if (section == null) {
                throw new SpecException(where, key, "key before any [section]");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (!KNOWN.get(section).contains(lower)) {
                throw new SpecException(where, "[" + section + "] " + key, "unknown key (SCALE-Sim v3 reads "
                        + String.join(", ", KNOWN.get(section).stream().sorted().toList()) + " here)");
            }
            Map<String, Entry> keys = sections.get(section);
            if (keys.containsKey(lower)) {
                throw new SpecException(where, "[" + section + "] " + key, "given twice (first on line "
                        + keys.get(lower).line() + ")");
            }
            keys.put(lower, new Entry(key, line.substring(sep + 1).trim(), i + 1));
        }
        return new Ini(source, sections);
    }

    private static int firstSeparator(String line) {
        int c = line.indexOf(':');
        int e = line.indexOf('=');
        if (c < 0) {
            return e;
        }
        return e < 0 ? c : Math.min(c, e);
    }
}
