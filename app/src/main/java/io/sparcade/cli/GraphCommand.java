package io.sparcade.cli;

import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.model.spec.Override;
import io.sparcade.model.spec.Specs;
import io.sparcade.model.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparcade graph}: a workload's validated dataflow graph as Graphviz DOT. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print a workload's dataflow graph (training passes expanded) as Graphviz DOT.")
final class GraphCommand implements Callable<Integer> {
    @Option(names = "--workload", required = true, paramLabel = "<preset|file.yaml|scalesim-topology:file.csv>",
            description = "Workload to draw.")
    String workload;

    @Option(names = "--param", paramLabel = "key=value", description = "Workload preset parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "path=value", description = "Override a workload field (repeatable).")
    List<String> sets = List.of();

    @Option(names = "--dense", description = "Remove the sparsity overlay.")
    boolean dense;

    @Option(names = "--out", paramLabel = "<file.dot>", description = "Write to a file instead of standard output.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @java.lang.Override
    public Integer call() throws Exception {
        List<Override> ov = Override.parseAll(sets).stream()
                .map(o -> o.path().startsWith("workload.") ? o.strip("workload.") : o).toList();
        Workload w = Specs.workload(workload, params, ov);
        String dot = new GraphBuilder(workload).build(dense ? w.dense() : w).toDot();
        if (out == null) {
            spec.commandLine().getOut().print(dot);
        } else {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".graph-", ".dot");
            Files.writeString(tmp, dot, StandardCharsets.UTF_8);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }
}
