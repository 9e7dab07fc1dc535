package io.sparcade.verilator.layer;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The DRAM's effective bytes per accelerator cycle as the exact fraction num/den the testbench's DRAM model
 * uses: the model's double rounded to 12 significant digits (2 x 96 x 0.8 is 153.60000000000002 as a double,
 * 1536/10 here). Transfer sizes are whole bytes, so the rounding cannot change a ceil(bytes / B).
 */
public record Bandwidth(long num, long den) {
    public Bandwidth {
        if (num < 1 || den < 1) {
            throw new IllegalArgumentException("bandwidth must be positive: " + num + "/" + den);
        }
    }

    public static Bandwidth of(double bytesPerCycle) {
        if (!(bytesPerCycle > 0) || Double.isInfinite(bytesPerCycle)) {
            throw new IllegalArgumentException("bandwidth must be positive and finite: " + bytesPerCycle);
        }
        BigDecimal d = new BigDecimal(bytesPerCycle).round(new java.math.MathContext(12)).stripTrailingZeros();
        BigInteger num = d.unscaledValue();
        BigInteger den = BigInteger.ONE;
        if (d.scale() > 0) {
            den = BigInteger.TEN.pow(d.scale());
        } else {
            num = num.multiply(BigInteger.TEN.pow(-d.scale()));
        }
        BigInteger g = num.gcd(den);
        num = num.divide(g);
        den = den.divide(g);
        if (num.bitLength() > 40 || den.bitLength() > 40) {
            throw new IllegalArgumentException("bandwidth " + bytesPerCycle + " B/cycle has no short exact fraction");
        }
        return new Bandwidth(num.longValueExact(), den.longValueExact());
    }

    /** Cycles the DRAM model's channel takes for {@code bytes}: ceil(bytes / (num/den)), at least 1. */
    public long cycles(long bytes) {
        return bytes <= 0 ? 1 : (bytes * den + num - 1) / num;
    }

    public double bytesPerCycle() {
        return (double) num / den;
    }
}
