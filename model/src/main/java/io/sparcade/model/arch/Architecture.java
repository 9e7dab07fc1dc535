package io.sparcade.model.arch;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parametrised accelerator: a clock, static power and named units (compute units, buffers, off-chip
 * memory). Validated on construction: every compute unit's buffer exists and there is exactly one off-chip
 * memory.
 *
 * @param name          preset or file name
 * @param description   one line for humans
 * @param clockMhz      clock of every compute unit and buffer, MHz (off-chip memory has its own clock: see
 *                      {@link DramSpec})
 * @param staticPowerMw always-on power, mW, charged for the whole run; null: computed by the power model from
 *                      the device (or process), the memory and the resources the design uses
 * @param device        the FPGA the design is built on, or null for an ASIC
 * @param processNm     an ASIC's process node, nm (energy scales from the 45 nm reference table); 0 for an FPGA
 *                      (and for an ASIC without a node: taken as 45)
 * @param units         units by name, in declaration order
 */
public record Architecture(String name, String description, double clockMhz, Double staticPowerMw, Device device,
                           double processNm, Map<String, UnitSpec> units) {

    public Architecture(String name, String description, double clockMhz, double staticPowerMw,
                        Map<String, UnitSpec> units) {
        this(name, description, clockMhz, staticPowerMw, null, 0, units);
    }

    public Architecture {
        Checks.name(name, "name");
        description = description == null ? "" : description;
        Checks.positive(clockMhz, "clock_mhz");
        if (staticPowerMw != null) {
            Checks.nonNegative(staticPowerMw, "static_power_mw");
        }
        Checks.nonNegative(processNm, "process_nm");
        if (device != null && processNm > 0) {
            throw new SpecException("process_nm", "an FPGA design (device " + device.id()
                    + ") has no process node of its own: give device or process_nm, not both");
        }
        if (device == null && processNm == 0) {
            processNm = 45;
        }
        units = Checks.map(units);
        if (units.isEmpty()) {
            throw new SpecException("units", "at least one unit is required");
        }
        int drams = 0;
        boolean compute = false;
        for (Map.Entry<String, UnitSpec> e : units.entrySet()) {
            if (e.getValue() == null) {
                throw new SpecException("units." + e.getKey(), "missing");
            }
            if (e.getValue() instanceof DramSpec) {
                drams++;
            }
            if (e.getValue() instanceof ComputeUnitSpec c) {
                compute = true;
                UnitSpec b = units.get(c.buffer());
                if (!(b instanceof BufferSpec)) {
                    throw new SpecException("units." + e.getKey() + ".buffer",
                            "'" + c.buffer() + "' is not a unit of type buffer (buffers: "
                                    + String.join(", ", namesOf(units, BufferSpec.class).keySet()) + ")");
                }
            }
        }
        if (drams != 1) {
            throw new SpecException("units", "exactly one unit of type dram is required, found " + drams);
        }
        if (!compute) {
            throw new SpecException("units", "at least one compute unit (nm-array, dsp-chain, topk-engine, vector-unit) is required");
        }
        checkPartitions(units);
    }

    /**
     * A partitioned buffer feeds exactly one nm-array (its ifmap, filter and ofmap streams), reads at least what
     * the array takes in a cycle (the per-operand model never slows compute for buffer bandwidth), and its ports
     * share the off-chip memory: their GB/s must be given and together fit in it, unless the memory is sized.
     */
    private static void checkPartitions(Map<String, UnitSpec> units) {
        DramSpec dram = namesOf(units, DramSpec.class).values().iterator().next();
        String dramName = namesOf(units, DramSpec.class).keySet().iterator().next();
        for (Map.Entry<String, BufferSpec> b : namesOf(units, BufferSpec.class).entrySet()) {
            BufferPartitions p = b.getValue().partitions();
            if (p == null) {
                continue;
            }
            String field = "units." + b.getKey();
            java.util.List<String> users = new java.util.ArrayList<>();
            namesOf(units, ComputeUnitSpec.class).forEach((n, c) -> {
                if (c.buffer().equals(b.getKey())) {
                    users.add(n);
                }
            });
            if (users.size() != 1 || !(units.get(users.get(0)) instanceof NmArraySpec array)) {
                throw new SpecException(field + ".partitions", "a partitioned buffer feeds exactly one nm-array (its "
                        + "ifmap, filter and ofmap streams); used by " + (users.isEmpty() ? "no unit" : String.join(", ", users)));
            }
            double need = (array.rows() + array.cols()) * Math.ceil(array.precisionBits() / 8.0);
            if (b.getValue().bytesPerCycle() < need) {
                throw new SpecException(field + ".bytes_per_cycle", "the array '" + users.get(0) + "' reads " + (long) need
                        + " B per cycle from its partitions (rows + cols operands), more than " + b.getValue().bytesPerCycle());
            }
            if (dram.sizedBandwidth()) {
                continue;
            }
            String[] names = {"ifmap", "filter", "ofmap"};
            BufferPartition[] parts = {p.ifmap(), p.filter(), p.ofmap()};
            for (int i = 0; i < 3; i++) {
                if (parts[i].portGbPerS() <= 0) {
                    throw new SpecException(field + ".partitions." + names[i] + ".port_gb_per_s",
                            "required (> 0) unless the memory '" + dramName + "' is sized");
                }
            }
            if (p.portsGbPerS() > dram.effectiveGbPerSec() * (1 + 1e-9)) {
                throw new SpecException(field + ".partitions", "the ports' " + p.portsGbPerS() + " GB/s together exceed "
                        + "what memory '" + dramName + "' achieves (" + dram.effectiveGbPerSec() + " GB/s): they share it");
            }
        }
    }

    /** Units of one kind, by name, in declaration order. */
    public <T extends UnitSpec> Map<String, T> unitsOf(Class<T> kind) {
        return namesOf(units, kind);
    }

    /** The off-chip memory (exactly one, checked on construction); a loop, not a map: cost models ask per call. */
    public DramSpec dram() {
        for (UnitSpec u : units.values()) {
            if (u instanceof DramSpec d) {
                return d;
            }
        }
        throw new IllegalStateException("no dram unit");
    }

    public String dramName() {
        for (Map.Entry<String, UnitSpec> e : units.entrySet()) {
            if (e.getValue() instanceof DramSpec) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no dram unit");
    }

    public Optional<UnitSpec> unit(String unitName) {
        return Optional.ofNullable(units.get(unitName));
    }

    public BufferSpec bufferOf(ComputeUnitSpec unit) {
        return (BufferSpec) units.get(unit.buffer());
    }

    /** Whether the design is built on an FPGA. */
    public boolean fpga() {
        return device != null;
    }

    /** Cycle time in nanoseconds. */
    public double cycleNs() {
        return 1000.0 / clockMhz;
    }

    private static <T extends UnitSpec> Map<String, T> namesOf(Map<String, UnitSpec> units, Class<T> kind) {
        Map<String, T> out = new LinkedHashMap<>();
        units.forEach((k, v) -> {
            if (kind.isInstance(v)) {
                out.put(k, kind.cast(v));
            }
        });
        return out;
    }
}
