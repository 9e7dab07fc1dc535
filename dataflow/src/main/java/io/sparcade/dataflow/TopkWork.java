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

    @Override
    public String describe() {
        return "top-" + k + " of " + n + (rows > 1 ? " x" + rows : "");
    }
}
