package io.sparcade.dse.output;

import io.sparcade.dse.sweep.Axis;
import io.sparcade.dse.sweep.DesignSpec;
import io.sparcade.dse.sweep.Metric;
import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What the outputs need of one sweep group (one design on one workload), gathered from its rows one at a time in
 * memory independent of the number of rows: counts, the Pareto front (kept incrementally), the best value of each
 * objective at each axis value (for the effects plot), and a sample of at most {@code sampleSize} rows for the
 * scatter plot. The sample is the rows whose id hashes lowest, so it depends only on which rows exist, not on
 * their order.
 */
public final class GroupSummary {
    /** Columns a sampled row keeps (what the scatter plot reads). */
    private static final List<String> SAMPLE_COLUMNS = List.of("id", "status", "feasible", "latency_s", "energy_j",
            "edp_js", "power_w", "dsp48", "bram36", "uram288", "lut");

    private final SweepSpec.Group group;
    private final List<Metric> objectives;
    private final List<Axis> axes;
    private final List<Map<String, Integer>> valueIndex = new ArrayList<>();
    /** [axis][value][objective]: the smallest value over the feasible rows with that axis value. */
    private final double[][][] best;
    private final double[] overallBest;
    private final ParetoArchive<Map<String, String>> front = new ParetoArchive<>();
    private final int sampleSize;
    private final PriorityQueue<Sampled> sample = new PriorityQueue<>(Comparator.comparingLong(Sampled::hash).reversed());
    private final int pageSize;
    private final PriorityQueue<Sampled> page = new PriorityQueue<>(Comparator.comparingLong(Sampled::hash).reversed());
    private long points;
    private long errors;
    private long infeasible;
    private String arch;

    private record Sampled(long hash, Map<String, String> row) {
    }

    public GroupSummary(SweepSpec sweep, SweepSpec.Group group, int sampleSize) {
        this(sweep, group, sampleSize, 0);
    }

    /**
     * @param pageSize rows (with every column) kept for the HTML page besides the front: the rows whose id hashes
     *                 lowest, so the page shows the same sample whatever the completion order
     */
    public GroupSummary(SweepSpec sweep, SweepSpec.Group group, int sampleSize, int pageSize) {
        this.pageSize = pageSize;
        this.group = group;
        this.objectives = sweep.objectives();
        DesignSpec ds = sweep.designs().get(group.design());
        this.axes = ds.axes();
        this.best = new double[axes.size()][][];
        for (int a = 0; a < axes.size(); a++) {
            Map<String, Integer> idx = new HashMap<>();
            List<String> values = axes.get(a).values();
            for (int v = 0; v < values.size(); v++) {
                idx.put(SweepParser.plain(values.get(v)), v);
            }
            valueIndex.add(idx);
            best[a] = new double[values.size()][objectives.size()];
            for (double[] b : best[a]) {
                Arrays.fill(b, Double.NaN);
            }
        }
        this.overallBest = new double[objectives.size()];
        Arrays.fill(overallBest, Double.NaN);
        this.sampleSize = sampleSize;
        this.arch = ds.arch();
    }

    /** Takes one row of the group (as written to points.csv). */
    public void add(Map<String, String> row) {
        points++;
        arch = row.get("arch");
        boolean ok = "ok".equals(row.get("status"));
        boolean feasible = ok && "true".equals(row.get("feasible"));
        if (!ok) {
            errors++;
        } else if (!feasible) {
            infeasible++;
        }
        if (feasible) {
            double[] v = new double[objectives.size()];
            for (int m = 0; m < v.length; m++) {
                v[m] = DsePlots.value(row, objectives.get(m));
                if (v[m] > 0 && !(v[m] >= overallBest[m])) {
                    overallBest[m] = v[m];
                }
            }
            for (int a = 0; a < axes.size(); a++) {
                Integer i = valueIndex.get(a).get(row.get(axes.get(a).path()));
                if (i != null) {
                    double[] b = best[a][i];
                    for (int m = 0; m < v.length; m++) {
                        if (!(v[m] >= b[m])) {
                            b[m] = v[m];
                        }
                    }
                }
            }
            front.offer(v, row);
        }
        long h = mix(Long.parseLong(row.get("id")));
        if (pageSize > 0 && (page.size() < pageSize || h < page.peek().hash())) {
            page.add(new Sampled(h, new HashMap<>(row)));
            if (page.size() > pageSize) {
                page.poll();
            }
        }
        if (sample.size() < sampleSize || h < sample.peek().hash()) {
            Map<String, String> kept = new HashMap<>();
            SAMPLE_COLUMNS.forEach(c -> kept.put(c, row.getOrDefault(c, "")));
            sample.add(new Sampled(h, kept));
            if (sample.size() > sampleSize) {
                sample.poll();
            }
        }
    }

    public SweepSpec.Group group() {
        return group;
    }

    /** Architecture name as the rows give it. */
    public String arch() {
        return arch;
    }

    public long points() {
        return points;
    }

    public long errors() {
        return errors;
    }

    public long infeasible() {
        return infeasible;
    }

    /** The Pareto front: successful, feasible, non-dominated rows, by id. */
    public List<Map<String, String>> front() {
        List<Map<String, String>> f = new ArrayList<>(front.items());
        f.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        return f;
    }

    /** At most {@code sampleSize} rows (all of them when the group has no more), by id; plot columns only. */
    public List<Map<String, String>> sample() {
        List<Map<String, String>> s = new ArrayList<>(sample.stream().map(Sampled::row).toList());
        s.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        return s;
    }

    /**
     * The rows the HTML page shows: every front row and the page sample (every row when the group has at most
     * {@code pageSize}), by id, with every column.
     */
    public List<Map<String, String>> pageRows() {
        Map<String, Map<String, String>> byId = new java.util.TreeMap<>(Comparator.comparingLong(Long::parseLong));
        page.forEach(x -> byId.put(x.row().get("id"), x.row()));
        front.items().forEach(r -> byId.put(r.get("id"), r));
        return new ArrayList<>(byId.values());
    }

    /** The axis paths, in order. */
    public List<String> axisPaths() {
        return axes.stream().map(Axis::path).toList();
    }

    /** The values of axis {@code a} as the rows write them, in sweep order. */
    public List<String> axisValues(int a) {
        return axes.get(a).values().stream().map(SweepParser::plain).toList();
    }

    /**
     * For each value of axis {@code a}, the best (smallest) value of each objective over the feasible rows with
     * that value, divided by the group's best (1 = as good as the best design); NaN where no feasible row has it.
     */
    public double[][] relativeBest(int a) {
        double[][] out = new double[best[a].length][objectives.size()];
        for (int v = 0; v < out.length; v++) {
            for (int m = 0; m < objectives.size(); m++) {
                out[v][m] = best[a][v][m] / overallBest[m];
            }
        }
        return out;
    }

    /** SplitMix64's finaliser: a well-spread hash of the id. */
    private static long mix(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Labels for messages: {@code d0-sat-vcu1525-mlp-train-nm}, safe in a file name. */
    public String fileLabel() {
        return ("d" + group.design() + "-" + arch + "-" + group.workload()).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
