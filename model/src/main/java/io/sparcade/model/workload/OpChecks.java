package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.List;

/** Checks shared by the operator records. */
final class OpChecks {
    private OpChecks() {
    }

    static List<String> inputs(List<String> inputs, int min, int max) {
        List<String> in = Checks.list(inputs);
        if (in.size() < min || in.size() > max) {
            String want = min == max ? String.valueOf(min) : min + ".." + max;
            throw new SpecException("inputs", "expected " + want + " input(s), got " + in.size() + " " + in);
        }
        return in;
    }

    static int bits(int bits) {
        int b = bits == 0 ? 8 : bits;
        Checks.positive(b, "bits");
        return b;
    }
}
