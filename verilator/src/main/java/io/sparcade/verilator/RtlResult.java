package io.sparcade.verilator;

/** What the RTL produced for one vector: its output words (sign-extended when signed) and its cycles. */
public record RtlResult(long[] outputs, long cycles) {
    public RtlResult {
        outputs = outputs.clone();
    }

    @Override
    public long[] outputs() {
        return outputs.clone();
    }
}
