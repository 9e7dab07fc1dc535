package io.sparcade.cli;

import io.sparcade.app.Sparcade;
import io.sparcade.app.Validation;
import io.sparcade.app.ValidationPage;
import io.sparcade.reports.html.HtmlReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade validate}: every published comparison, as a table and {@code validation.csv}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run the published comparisons (SAT, SpAtten, FlightLLM) and write validation.csv: claim, "
                + "reference number, Sparcade's number, its low/high over the estimated inputs' ranges, ratio, "
                + "pass/fail against the row's tolerance, the estimates and the remaining gaps; and report.html.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "sparcade-out", paramLabel = "<dir>",
            description = "Directory for validation.csv (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--traces", defaultValue = "data/spatten-traces", paramLabel = "<dir>",
            description = "Directory of SpAtten's GPT-2 traces (default: ${DEFAULT-VALUE}).")
    Path traces;

    @Option(names = "--rows", split = ",", paramLabel = "<id>",
            description = "Only the rows whose id starts with one of these (default: every row).")
    List<String> rows;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(traces)) {
            throw new IllegalArgumentException("--traces: " + traces + ": no such directory (run from the repository root or pass --traces)");
        }
        Progress progress = new Progress(spec.commandLine().getErr());
        Validation validation = new Validation(new Sparcade(), traces);
        java.util.function.Predicate<String> include = id -> this.rows == null || this.rows.stream().anyMatch(id::startsWith);
        if (validation.ids().stream().noneMatch(include)) {
            throw new IllegalArgumentException("--rows: no row starts with " + this.rows + " (rows: "
                    + String.join(", ", validation.ids()) + ")");
        }
        List<Validation.Row> rows = validation.run(progress::step, include);
        Files.createDirectories(out);
        Path tmp = Files.createTempFile(out, ".validation-", ".csv");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("id", "claim", "source", "paper",
                     "sparcade", "low", "high", "unit", "ratio", "tolerance", "result", "paper_within_band", "estimates",
                     "note").get())) {
            for (Validation.Row r : rows) {
                p.printRecord(r.id(), r.claim(), r.source(), fmt(r.paper()), fmt(r.sparcade()), fmt(r.low()), fmt(r.high()),
                        r.unit(), fmt(r.ratio()), fmt(r.tolerance()), r.pass() ? "pass" : "fail",
                        r.paperWithinBand() ? "yes" : "no", Validation.estimatesText(r), r.note());
            }
        }
        Files.move(tmp, out.resolve("validation.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        HtmlReport.write(ValidationPage.page(rows, Text.commandLine(spec)), out.resolve(HtmlReport.FILE));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-30s %10s %10s %10s %10s %-9s %6s  %s%n", "row", "reference", "sparcade", "low", "high",
                "unit", "ratio", "result");
        for (Validation.Row r : rows) {
            o.printf(Locale.ROOT, "%-30s %10.4g %10.4g %10.4g %10.4g %-9s %6.3f  %s (±%.0f%%)%n", r.id(), r.paper(),
                    r.sparcade(), r.low(), r.high(), r.unit(), r.ratio(), r.pass() ? "pass" : "FAIL", 100 * r.tolerance());
        }
        long passed = rows.stream().filter(Validation.Row::pass).count();
        o.printf(Locale.ROOT, "%d of %d rows within tolerance; wrote %s and %s%n", passed, rows.size(),
                out.resolve("validation.csv"), out.resolve(HtmlReport.FILE));
        return 0;
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
