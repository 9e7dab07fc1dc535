package io.sparcade.model.arch;

import io.sparcade.model.Checks;

/**
 * A vector / special-function unit for softmax, normalisation and elementwise operators (SpAtten's softmax
 * units, FlightLLM's SFU): {@code lanes} elements per cycle per pass.
 *
 * @param lanes         elements processed per cycle
 * @param precisionBits arithmetic width (FlightLLM's SFU: fp16)
 * @param buffer        name of the buffer unit it reads from
 */
public record VectorUnitSpec(int lanes, int precisionBits, String buffer) implements ComputeUnitSpec {
    public static final String TYPE = "vector-unit";

    public VectorUnitSpec {
        Checks.positive(lanes, "lanes");
        if (precisionBits == 0) {
            precisionBits = 16;
        }
        Checks.positive(precisionBits, "precision_bits");
        Checks.name(buffer, "buffer");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
