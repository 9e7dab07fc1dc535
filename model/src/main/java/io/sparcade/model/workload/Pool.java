package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Max or average pooling over {@code kernel} x {@code kernel} windows: input [batch, channels, in_h, in_w],
 * output [batch, channels, out_h, out_w] with out = (in + 2·padding - kernel) / stride + 1. {@code fn} (max,
 * avg) is a label; the cost is kernel² operations per output element.
 */
public record Pool(String name, List<String> inputs, long batch, long channels, long inH, long inW, long kernel,
                   long stride, long padding, String fn, int bits) implements Operator {
    public Pool {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        batch = batch == 0 ? 1 : batch;
        Checks.positive(batch, "batch");
        Checks.positive(channels, "channels");
        Checks.positive(inH, "in_h");
        Checks.positive(inW, "in_w");
        Checks.positive(kernel, "kernel");
        stride = stride == 0 ? kernel : stride;
        Checks.positive(stride, "stride");
        Checks.nonNegative(padding, "padding");
        if (inH + 2 * padding < kernel || inW + 2 * padding < kernel) {
            throw new SpecException("kernel", "window " + kernel + " is larger than the padded input");
        }
        fn = fn == null ? "max" : fn;
        bits = OpChecks.bits(bits);
    }

    public long outH() {
        return (inH + 2 * padding - kernel) / stride + 1;
    }

    public long outW() {
        return (inW + 2 * padding - kernel) / stride + 1;
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(batch, channels, inH, inW));
    }

    @Override
    public Shape outputShape() {
        return Shape.of(batch, channels, outH(), outW());
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("elements", batch * channels * outH() * outW());
        return d;
    }
}
