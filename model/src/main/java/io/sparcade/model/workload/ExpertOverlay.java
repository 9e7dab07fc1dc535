package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sparcade.model.Checks;
import io.sparcade.model.SpecException;

/**
 * A dense MLP projection run as a mixture of experts: its neurons (dim n of gate/up, dim k of down) are grouped
 * into experts of {@code size} neurons; each token activates a fraction {@code density} of them, chosen by a
 * router. Only the experts some token of the GEMM activates are fetched, as one batched GEMM of the touched experts
 * padded to the busiest one's load (as {@link ExpertGemm}). "BlockFFN: Towards End-Side Acceleration-Friendly
 * Mixture-of-Experts with Chunk-Level Activation Sparsity": experts of 128 neurons ({@code dim_expert: 128} of its
 * 1.2B configuration), a ReLU + RMSNorm router, over 80% token-level sparsity and 70% chunk-level sparsity over 8
 * consecutive tokens (the union a chunk fetches). Tokens are taken independent unless {@code chunk_density} says
 * how many experts a chunk of {@code chunk} tokens touches; the union over r tokens is then
 * 1 - (1 - density)^(r^beta) with beta fitted to that one point.
 *
 * @param size         neurons per expert (default 128)
 * @param density      fraction of experts a token activates, in (0, 1]
 * @param router       {@code relu} (BlockFFN: ReLU and RMSNorm, no top-k) or {@code topk} (a softmax top-k router)
 * @param chunk        tokens of the chunk {@code chunk_density} is measured over (default 8)
 * @param chunkDensity fraction of experts a chunk touches (0: tokens independent)
 * @param dim          the pruned weight dimension: n (gate, up) or k (down); default n
 */
public record ExpertOverlay(long size, double density, Router router, int chunk, double chunkDensity, String dim) {
    /** BlockFFN 1.2B configuration: dim_expert 128. */
    public static final long DEFAULT_SIZE = 128;
    /** BlockFFN: chunk-level sparsity is reported over 8 consecutive tokens. */
    public static final int DEFAULT_CHUNK = 8;

    /** The router. */
    public enum Router {
        RELU("relu"),
        TOPK("topk");

        private final String id;

        Router(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public ExpertOverlay {
        size = size == 0 ? DEFAULT_SIZE : size;
        Checks.positive(size, "size");
        Checks.fraction(density, "density");
        router = router == null ? Router.RELU : router;
        chunk = chunk == 0 ? DEFAULT_CHUNK : chunk;
        Checks.positive(chunk, "chunk");
        if (chunkDensity != 0) {
            Checks.fraction(chunkDensity, "chunk_density");
            if (chunkDensity < density) {
                throw new SpecException("chunk_density", "a chunk touches at least the experts of one token: must be >= density ("
                        + density + "), got " + chunkDensity);
            }
        }
        dim = dim == null ? "n" : dim;
        if (!dim.equals("k") && !dim.equals("n")) {
            throw new SpecException("dim", "experts group the weight's n (gate, up) or k (down) neurons, got '" + dim + "'");
        }
    }

    /** Fraction of experts {@code rows} tokens touch together. */
    public double unionDensity(long rows) {
        if (density >= 1) {
            return 1;
        }
        double lnMiss = Math.log1p(-density);
        double beta = 1;
        if (chunkDensity > 0 && chunk > 1) {
            beta = chunkDensity >= 1 ? 1e9 : Math.log(Math.log1p(-chunkDensity) / lnMiss) / Math.log(chunk);
        }
        return -Math.expm1(Math.pow(rows, beta) * lnMiss);
    }
}
