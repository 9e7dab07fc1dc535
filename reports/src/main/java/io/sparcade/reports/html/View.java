package io.sparcade.reports.html;

/**
 * The report kinds that carry their own script (a resource beside this class): the script reads
 * {@code Sparcade.data} and draws into the page's empty {@link Section.Chart} and {@link Section.Panel}
 * containers. A new kind of report adds a constant here and its script.
 */
public enum View {
    /** One or more simulated runs: timeline, latency, energy, dense-vs-sparse ({@code run.js}). */
    RUN("run.js"),
    /** A design-space sweep: scatter with the Pareto front, parallel coordinates, filters, effects ({@code sweep.js}). */
    SWEEP("sweep.js");

    private final String script;

    View(String script) {
        this.script = script;
    }

    /** The script's resource name, beside this class. */
    public String script() {
        return script;
    }
}
