package io.sparcade.model.arch;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.List;

/**
 * An N:M sparse systolic PE array (SAT-style): {@code rows} x {@code cols} PEs, one MAC per PE per cycle in
 * dense mode. In N:M mode each PE holds N nonzero weights of a group of M with their log2(M)-bit indices and
 * an M:1 multiplexer picks the matching activation, so the pruned reduction dimension shrinks by M/N.
 *
 * @param rows         PE rows
 * @param cols         PE columns
 * @param dataflow     os, ws or is (SCALE-Sim's names)
 * @param precisionBits operand width in bits
 * @param supportedM   group sizes M the multiplexers support; empty means the array is dense-only
 * @param buffer       name of the buffer unit feeding the array
 * @param dataflows    the dataflows a reconfigurable array can switch between per operator (a mapping chooses one,
 *                     see {@code OpMapping#dataflow}); empty or absent: only {@code dataflow}. {@code dataflow} is
 *                     the one used when a mapping does not choose, and must be listed. No reconfiguration cost is
 *                     modelled (a switch between operators is taken to be negligible against their lengths)
 */
public record NmArraySpec(int rows, int cols, Dataflow dataflow, int precisionBits, List<Integer> supportedM,
                          String buffer,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                          List<Dataflow> dataflows) implements ComputeUnitSpec {
    public static final String TYPE = "nm-array";

    /** A fixed-dataflow array. */
    public NmArraySpec(int rows, int cols, Dataflow dataflow, int precisionBits, List<Integer> supportedM, String buffer) {
        this(rows, cols, dataflow, precisionBits, supportedM, buffer, null);
    }

    public NmArraySpec {
        Checks.positive(rows, "rows");
        Checks.positive(cols, "cols");
        if (dataflow == null) {
            dataflow = Dataflow.WS;
        }
        if (precisionBits == 0) {
            precisionBits = 8;
        }
        Checks.positive(precisionBits, "precision_bits");
        supportedM = Checks.list(supportedM);
        for (int m : supportedM) {
            if (!Checks.isPowerOfTwo(m) || m < 2) {
                throw new SpecException("supported_m", "each M must be a power of two >= 2, got " + m);
            }
        }
        Checks.name(buffer, "buffer");
        dataflows = Checks.list(dataflows);
        if (dataflows.stream().distinct().count() != dataflows.size()) {
            throw new SpecException("dataflows", "a dataflow is listed twice: " + ids(dataflows));
        }
        if (!dataflows.isEmpty() && !dataflows.contains(dataflow)) {
            throw new SpecException("dataflows", "the default dataflow '" + dataflow.id() + "' must be one of "
                    + ids(dataflows));
        }
        if (dataflows.equals(List.of(dataflow))) {
            dataflows = List.of(); // a fixed-dataflow array: stored (and written) without the list
        }
    }

    /** The dataflows a mapping may choose: {@link #dataflows}, or just {@link #dataflow} for a fixed array. */
    public List<Dataflow> dataflowOptions() {
        return dataflows.isEmpty() ? List.of(dataflow) : dataflows;
    }

    /** Whether a mapping may run an operator on this array in {@code d}. */
    public boolean supportsDataflow(Dataflow d) {
        return dataflowOptions().contains(d);
    }

    /** Whether the array can switch dataflows (it lists more than one). */
    public boolean reconfigurable() {
        return dataflowOptions().size() > 1;
    }

    /** The array configured for {@code d} (one of its {@link #dataflows}) for one operator. */
    public NmArraySpec withDataflow(Dataflow d) {
        if (!supportsDataflow(d)) {
            throw new SpecException("dataflow", "'" + d.id() + "' is not one of this array's dataflows "
                    + ids(dataflowOptions()));
        }
        return d == dataflow ? this : new NmArraySpec(rows, cols, d, precisionBits, supportedM, buffer, dataflows);
    }

    private static String ids(List<Dataflow> ds) {
        return ds.stream().map(Dataflow::id).toList().toString();
    }

    @Override
    public String type() {
        return TYPE;
    }

    public boolean supportsM(int m) {
        return supportedM.contains(m);
    }
}
