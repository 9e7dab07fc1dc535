package io.sparcade.dataflow;

/**
 * Select the {@code k} largest of {@code n} scores in each of {@code rows} rows; outputs indices.
 *
 * @param seed seed of the synthetic scores the data-dependent cycle models draw (derived from the node name)
 */
public record TopkWork(long rows, long n, long k, int bits, long seed) implements Work {
    @Override
    public long inputBytes() {
        return GemmWork.bytes(rows * n, bits);
    }

    @Override
    public long outputBytes() {
        return GemmWork.bytes(rows * k * 32, 1); // 32-bit indices
    }

    /**
     * The same selection on a vector unit, for an architecture without a top-k engine: k passes over the n scores
     * of each row, each pass taking the largest left (selection by repeated maximum).
     */
    public VectorWork onVectorUnit() {
        return new VectorWork("top-" + k, rows * n, 1, (int) Math.min(Integer.MAX_VALUE, k), bits, rows * k);
    }

    @Override
    public String describe() {
        return "top-" + k + " of " + n + (rows > 1 ? " x" + rows : "");
    }
}
