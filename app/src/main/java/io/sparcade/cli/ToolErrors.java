package io.sparcade.cli;

import io.sparcade.verilator.SimulationException;
import io.sparcade.verilator.ToolMissingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Exit codes of the RTL commands' tool failures: a missing tool is bad input (2, with how to install it);
 * a failed build, hang or crash is a failure (1) whose message names the design and the log.
 */
final class ToolErrors {
    private ToolErrors() {
    }

    static int run(PrintWriter err, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (ToolMissingException e) {
            err.println("sparcade: error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (SimulationException e) {
            err.println("sparcade: error: " + e.getMessage());
            return 1;
        }
    }
}
