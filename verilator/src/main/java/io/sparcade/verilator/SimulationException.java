package io.sparcade.verilator;

/** An RTL tool failed: the message names the design and the log file to read. */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }
}
