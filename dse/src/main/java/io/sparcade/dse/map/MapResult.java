package io.sparcade.dse.map;

import io.sparcade.dataflow.OpNode;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SearchStrategyKind;
import io.sparcade.hwsim.OpResult;
import io.sparcade.hwsim.SimulationResult;
import io.sparcade.model.mapping.Mapping;
import java.util.List;

/**
 * What a {@link Mapper} run found.
 *
 * @param objective  what was minimised
 * @param settings   the search's settings
 * @param pricer     how each node's standalone cost was priced
 * @param constraints the constraints it ran under
 * @param defaults   the workload under the scheduler's own mapping (no mapping at all)
 * @param start      under the pinned fields only (equal to {@code defaults} without pins)
 * @param nodes      every node that has a map space, in graph order (repeated graph, then once-per-pass)
 * @param runs       one per strategy, in the order given
 * @param bestRun    index of the run whose mapping is the best (the first on a tie)
 * @param seconds    wall time of the search
 */
public record MapResult(Metric objective, Mapper.Settings settings, OpPricer pricer, MapConstraints constraints,
                        Evaluation defaults, Evaluation start, List<NodeInfo> nodes,
                        List<StrategyRun> runs, int bestRun, double seconds) {
    public MapResult {
        nodes = List.copyOf(nodes);
        runs = List.copyOf(runs);
    }

    public StrategyRun best() {
        return runs.get(bestRun);
    }

    /**
     * One whole-workload simulation of a mapping.
     *
     * @param mapping   the mapping
     * @param main      the repeated graph's run
     * @param perPass   the once-per-pass graph's run, or null
     * @param repeat    the workload's repeat
     * @param seconds   the whole model's time: main x repeat + per-pass
     * @param energyJ   the whole model's energy
     * @param objective the objective's value
     */
    public record Evaluation(Mapping mapping, SimulationResult main, SimulationResult perPass, int repeat,
                             double seconds, double energyJ, double objective) {
        /** The node's result, by name, in either graph; null when absent. */
        public OpResult op(String node) {
            for (SimulationResult r : perPass == null ? List.of(main) : List.of(main, perPass)) {
                for (OpResult o : r.ops()) {
                    if (o.name().equals(node)) {
                        return o;
                    }
                }
            }
            return null;
        }

        public long cycles() {
            return main.totalCycles() * (long) repeat + (perPass == null ? 0 : perPass.totalCycles());
        }

        public long dramBytes() {
            return main.dramBytes() * repeat + (perPass == null ? 0 : perPass.dramBytes());
        }
    }

    /**
     * One node's map space and its scheduler default.
     *
     * @param node             the node
     * @param weight           runs of the node in the whole model (its graph's repeat)
     * @param space            its map space under the constraints
     * @param size             distinct candidates in the space
     * @param infeasibleInSpace candidates whose tile does not fit the unit's share of its buffer
     * @param excluded         candidates of the unconstrained space the constraints removed
     * @param defaultCandidate what the scheduler chose
     * @param defaultPrice     its standalone price
     * @param defaultResult    its result in the default run
     * @param startCandidate   what the start mapping (pins only) ran it as
     */
    public record NodeInfo(OpNode node, int weight, OperatorSpace space, long size, long infeasibleInSpace,
                           long excluded, OpCandidate defaultCandidate, OpPricer.Price defaultPrice,
                           OpResult defaultResult, OpCandidate startCandidate) {
    }

    /**
     * One strategy's search: every node's, then the workload's.
     *
     * @param strategy        the strategy
     * @param perNode         one per {@link MapResult#nodes()}, aligned
     * @param space           the workload-level space built from them
     * @param graphTrace      best objective after each workload-level evaluation
     * @param graphAsks       workload-level evaluations (mappings simulated or answered from earlier ones)
     * @param graphDistinct   distinct mappings among them
     * @param graphInfeasible distinct mappings the model refused
     * @param bestPoint       the best point of {@code space}
     * @param best            its evaluation
     * @param operatorSeconds wall time of the per-node searches
     * @param graphSeconds    wall time of the workload-level search
     */
    public record StrategyRun(SearchStrategyKind strategy, List<OperatorSearch.Result> perNode, GraphSpace space,
                              double[] graphTrace, int graphAsks, int graphDistinct, int graphInfeasible,
                              int[] bestPoint, Evaluation best, double operatorSeconds, double graphSeconds) {
        public StrategyRun {
            perNode = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(perNode));
        }

        /** The option the best point takes for a node ({@code best}, {@code default}, ...), or null without a choice. */
        public String chosen(String node) {
            for (int i = 0; i < space.nodes().size(); i++) {
                if (space.nodes().get(i).node().equals(node)) {
                    return space.nodes().get(i).labels().get(bestPoint[i]);
                }
            }
            return null;
        }
    }
}
