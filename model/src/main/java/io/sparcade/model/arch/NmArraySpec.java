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
 */
public record NmArraySpec(int rows, int cols, Dataflow dataflow, int precisionBits, List<Integer> supportedM,
                          String buffer) implements ComputeUnitSpec {
    public static final String TYPE = "nm-array";

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
    }

    @Override
    public String type() {
        return TYPE;
    }

    public boolean supportsM(int m) {
        return supportedM.contains(m);
    }
}
