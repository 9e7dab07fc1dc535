package io.sparcade.benchmarks;

import io.sparcade.dataflow.DataflowGraph;
import io.sparcade.dataflow.GraphBuilder;
import io.sparcade.hwsim.OpCost;
import io.sparcade.hwsim.OperatorModel;
import io.sparcade.model.arch.Architecture;
import io.sparcade.model.mapping.Mapping;
import io.sparcade.model.spec.Specs;
import io.sparcade.scheduler.Firing;
import io.sparcade.scheduler.ListScheduler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Operator evaluations per second: each invocation prices the next placed node of a seed accelerator's schedule
 * (cycling through all of them) with its block model ({@link OperatorModel#cost}), without the cost cache (a
 * cached model would measure hash lookups, not the model): every call walks the node's tiles.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OperatorBenchmark {
    @Param({"sat-vcu1525:mlp-train-nm", "spatten:bert-base-attention", "flightllm-u280:llama2-7b-decode"})
    public String pair;

    private final OperatorModel model = new OperatorModel(false);
    private Architecture arch;
    private List<Firing> firings;
    private int next;

    @Setup
    public void setUp() {
        String[] p = pair.split(":");
        arch = Specs.architecture(p[0], List.of());
        DataflowGraph g = new GraphBuilder(p[1]).build(Specs.workload(p[1], Map.of(), List.of()));
        firings = new ListScheduler(model, "benchmark").schedule(g, arch, Mapping.NONE).firings().stream()
                .filter(f -> f.placement() != null).toList();
    }

    @Benchmark
    public OpCost operator() {
        Firing f = firings.get(next);
        next = next + 1 == firings.size() ? 0 : next + 1;
        return model.cost(f.node(), f.placement(), arch);
    }
}
