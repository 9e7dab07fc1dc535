package io.sparcade.cli;

import io.sparcade.model.SpecException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sparcade}: the command line. Exit codes: 0 success, 1 failure, 2 bad input or usage. */
@Command(name = "sparcade", mixinStandardHelpOptions = true, version = "sparcade 0.1.0",
        description = "Co-design simulator for sparse hardware accelerators.",
        subcommands = {DemoCommand.class, SimulateCommand.class, MapCommand.class, ValidateCommand.class, PresetsCommand.class,
            GraphCommand.class, ScheduleCommand.class, DseCommand.class, StudyCommand.class, WorkerCommand.class, RtlCommand.class,
            CosimCommand.class, SynthCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush(); // print() on an auto-flushing writer does not flush
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while ((t instanceof UncheckedIOException || t instanceof CommandLine.ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof SpecException || t instanceof IllegalArgumentException) {
                err.println("sparcade: error: " + t.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (t instanceof java.io.IOException) {
                err.println("sparcade: error: " + t.getClass().getSimpleName() + ": " + t.getMessage());
                return 1;
            }
            if (System.getenv("SPARCADE_DEBUG") != null) {
                t.printStackTrace(err);
            }
            err.println("sparcade: internal error: " + t + " (set SPARCADE_DEBUG=1 for a stack trace)");
            return 1;
        });
        return cl.execute(args);
    }
}
