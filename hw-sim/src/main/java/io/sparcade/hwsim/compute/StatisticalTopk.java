package io.sparcade.hwsim.compute;

/**
 * Statistical top-k (Spark Transformer, papers.md §4): threshold θ = mean + std·Φ⁻¹(1 - k/n), keep x &gt; θ.
 * Two reduction passes and one compare pass: 3·ceil(n/P) cycles. The number kept is only about k, so the
 * model counts the real survivors.
 */
public final class StatisticalTopk {
    /** Outcome for one row. */
    public record Result(double threshold, int survivors, long cycles, long comparisons) {
    }

    private StatisticalTopk() {
    }

    public static Result select(int[] scores, int k, int lanes) {
        int n = scores.length;
        double mean = 0;
        for (int v : scores) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (int v : scores) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        double q = 1.0 - (double) k / n;
        double theta = q <= 0 ? Double.NEGATIVE_INFINITY : mean + std * inverseNormal(Math.min(q, 1 - 1e-12));
        int survivors = 0;
        for (int v : scores) {
            if (v > theta) {
                survivors++;
            }
        }
        long cycles = 3L * ((n + lanes - 1) / lanes);
        return new Result(theta, survivors, cycles, n);
    }

    /** Φ⁻¹(p) for 0 &lt; p &lt; 1 (Acklam's rational approximation, relative error below 1.2e-9). */
    public static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double lo = 0.02425;
        if (p < lo) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - lo) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
