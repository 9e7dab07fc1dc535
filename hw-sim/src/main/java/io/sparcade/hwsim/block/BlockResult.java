package io.sparcade.hwsim.block;

import java.util.Arrays;

/** A block's answer to one query: its output words (integers, as the RTL emits them) and its cycles. */
public record BlockResult(long[] outputs, long cycles) {
    public BlockResult {
        outputs = outputs.clone();
    }

    @Override
    public long[] outputs() {
        return outputs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockResult r && r.cycles == cycles && Arrays.equals(r.outputs, outputs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(outputs) + Long.hashCode(cycles);
    }

    @Override
    public String toString() {
        return "BlockResult[cycles=" + cycles + ", outputs=" + Arrays.toString(outputs) + "]";
    }
}
