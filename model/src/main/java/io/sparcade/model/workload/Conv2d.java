package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2-D convolution, input [batch, in_c, in_h, in_w], weight [out_c, in_c, kernel_h, kernel_w]. Executed as a
 * GEMM (im2col): m = batch·out_h·out_w, k = in_c·kernel_h·kernel_w, n = out_c. With {@code ceilMode} the output
 * size rounds up, (in + 2·padding - kernel) / stride rounded up, plus 1, as SCALE-Sim computes it; otherwise down.
 */
public record Conv2d(String name, List<String> inputs, long batch, long inC, long inH, long inW, long outC,
                     long kernelH, long kernelW, long stride, long padding, int bits, int weightBits,
                     boolean ceilMode) implements Operator {
    public Conv2d {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        batch = batch == 0 ? 1 : batch;
        Checks.positive(batch, "batch");
        Checks.positive(inC, "in_c");
        Checks.positive(inH, "in_h");
        Checks.positive(inW, "in_w");
        Checks.positive(outC, "out_c");
        Checks.positive(kernelH, "kernel_h");
        Checks.positive(kernelW, "kernel_w");
        stride = stride == 0 ? 1 : stride;
        Checks.positive(stride, "stride");
        Checks.nonNegative(padding, "padding");
        if (inH + 2 * padding < kernelH || inW + 2 * padding < kernelW) {
            throw new SpecException("kernel_h", "kernel " + kernelH + "x" + kernelW + " is larger than the padded input "
                    + (inH + 2 * padding) + "x" + (inW + 2 * padding));
        }
        bits = OpChecks.bits(bits);
        weightBits = weightBits == 0 ? bits : weightBits;
        Checks.positive(weightBits, "weight_bits");
    }

    /** A convolution with floor rounding of the output size (the usual framework default). */
    public Conv2d(String name, List<String> inputs, long batch, long inC, long inH, long inW, long outC,
                  long kernelH, long kernelW, long stride, long padding, int bits, int weightBits) {
        this(name, inputs, batch, inC, inH, inW, outC, kernelH, kernelW, stride, padding, bits, weightBits, false);
    }

    public long outH() {
        return outSize(inH, kernelH);
    }

    public long outW() {
        return outSize(inW, kernelW);
    }

    private long outSize(long in, long kernel) {
        long span = in + 2 * padding - kernel;
        return (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
    }

    /** GEMM rows: one per output pixel. */
    public long gemmM() {
        return batch * outH() * outW();
    }

    /** GEMM reduction: the convolution window. */
    public long gemmK() {
        return inC * kernelH * kernelW;
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(batch, inC, inH, inW));
    }

    @Override
    public Shape outputShape() {
        return Shape.of(batch, outC, outH(), outW());
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("m", gemmM());
        d.put("k", gemmK());
        d.put("n", outC);
        return d;
    }

    /** Weight elements: out_c x in_c x kernel_h x kernel_w. */
    @Override
    public long weights() {
        return Math.multiplyExact(outC, gemmK());
    }

    @Override
    public List<String> prunableDims() {
        return List.of("k");
    }
}
