package io.sparcade.dataflow;

/** A reshape: no data moves, no unit runs. */
public record ViewWork() implements Work {
    @Override
    public long inputBytes() {
        return 0;
    }

    @Override
    public long outputBytes() {
        return 0;
    }

    @Override
    public String describe() {
        return "view";
    }
}
