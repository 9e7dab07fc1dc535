package io.sparcade.verilator;

/** A required external tool is not installed; the message says which and how to install it. */
public final class ToolMissingException extends RuntimeException {
    public ToolMissingException(String message) {
        super(message);
    }
}
