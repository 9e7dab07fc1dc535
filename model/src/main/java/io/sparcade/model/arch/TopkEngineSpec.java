package io.sparcade.model.arch;

import io.sparcade.model.Checks;

/**
 * A top-k engine: SpAtten's hardware quick-select ({@code lanes} elements per cycle through the
 * {@code < pivot} / {@code > pivot} comparators) or a statistical top-k (mean/variance threshold).
 *
 * @param lanes     elements entering the comparator stage per cycle (SpAtten: 16)
 * @param algorithm quick-select (exact) or statistical (approximate)
 * @param precisionBits score width in bits
 * @param buffer    name of the buffer unit holding the scores
 */
public record TopkEngineSpec(int lanes, TopkAlgorithm algorithm, int precisionBits, String buffer)
        implements ComputeUnitSpec {
    public static final String TYPE = "topk-engine";

    public TopkEngineSpec {
        Checks.positive(lanes, "lanes");
        if (algorithm == null) {
            algorithm = TopkAlgorithm.QUICK_SELECT;
        }
        if (precisionBits == 0) {
            precisionBits = 12;
        }
        Checks.positive(precisionBits, "precision_bits");
        Checks.name(buffer, "buffer");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
