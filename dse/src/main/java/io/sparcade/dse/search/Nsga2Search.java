package io.sparcade.dse.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAII;
import org.uma.jmetal.operator.crossover.impl.IntegerSBXCrossover;
import org.uma.jmetal.operator.mutation.impl.IntegerPolynomialMutation;
import org.uma.jmetal.operator.selection.impl.BinaryTournamentSelection;
import org.uma.jmetal.problem.integerproblem.impl.AbstractIntegerProblem;
import org.uma.jmetal.solution.doublesolution.repairsolution.impl.RepairDoubleSolutionWithBoundValue;
import org.uma.jmetal.solution.integersolution.IntegerSolution;
import org.uma.jmetal.util.comparator.RankingAndCrowdingDistanceComparator;
import org.uma.jmetal.util.comparator.dominanceComparator.impl.DominanceWithConstraintsComparator;
import org.uma.jmetal.util.evaluator.impl.SequentialSolutionListEvaluator;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;
import org.uma.jmetal.util.pseudorandom.PseudoRandomGenerator;

/**
 * NSGA-II (Deb, Pratap, Agarwal and Meyarivan, "A fast and elitist multiobjective genetic algorithm: NSGA-II",
 * IEEE TEVC 6(2), 2002) as jMetal 6.1 implements it, driven ask/tell: each {@link #ask()} is one generation
 * (the random initial population first, then binary-tournament selection on rank and crowding distance, integer
 * SBX crossover and polynomial mutation), and each {@link #tell} runs jMetal's elitist replacement (non-dominated
 * sorting of parents and offspring, crowding-distance truncation) with constrained domination, so feasible points
 * beat infeasible ones and a smaller violation beats a larger one.
 *
 * <p>Operator settings are Deb's (crossover probability 0.9, mutation probability 1 / choices) but for the
 * distribution indices, 5 instead of 20 (see {@link #DISTRIBUTION_INDEX}). Choices with a single option are held at 0 and not shown to the algorithm. Offspring that repeat a
 * point asked before are bred again, up to {@link #MAX_BREEDING_ATTEMPTS} times (as pymoo's NSGA-II does with
 * {@code eliminate_duplicates}), so that on small discrete axes each generation brings new points.
 *
 * <p>Deterministic from the seed: every random draw comes from this search's own seeded generator. jMetal's
 * tournament selection and solution creation draw from its process-wide {@link JMetalRandom}, so this class installs
 * its generator there for the duration of each step, under a lock shared by all instances.
 */
public final class Nsga2Search implements ParetoSearch {
    /** Crossover probability (Deb et al. 2002). */
    static final double CROSSOVER_PROBABILITY = 0.9;
    /**
     * Distribution index of SBX crossover and polynomial mutation. Deb et al. use 20 on continuous variables; on
     * axes of 2 to 5 values, 20 almost never moves an index by more than one step nor onto an axis end, where
     * fronts often lie (the largest array, the fewest DSPs). Measured on the default sweep (16 seeds, 15 % budget,
     * worst design group): index 20 recovers at least 92 % of the exhaustive hypervolume, index 5 at least 96.5 %.
     */
    static final double DISTRIBUTION_INDEX = 5;
    /** Times a generation's offspring are bred again to replace repeats of earlier points. */
    static final int MAX_BREEDING_ATTEMPTS = 10;

    private final int[] sizes;
    /** Index in the full point of each choice the algorithm sees (the ones with more than one option). */
    private final int[] free;
    private final int objectives;
    private final List<int[]> initial;
    private final SeededRandom random;
    private final Engine engine;
    /** The generation asked and not yet told. */
    private List<IntegerSolution> generation;
    /** Every point asked so far (free choices only). */
    private final Set<List<Integer>> history = new HashSet<>();
    private boolean singlePointDone;

    /**
     * @param sizes      options per choice (each at least 1)
     * @param objectives number of objectives (1 turns NSGA-II into an elitist genetic algorithm)
     * @param population population size (rounded up to an even number, at least 4)
     * @param seed       seed of every random draw
     * @param initial    points placed in the initial population before the random ones (e.g. a known good point)
     */
    public Nsga2Search(int[] sizes, int objectives, int population, long seed, List<int[]> initial) {
        if (objectives < 1) {
            throw new IllegalArgumentException("objectives must be >= 1, got " + objectives);
        }
        this.sizes = sizes.clone();
        this.objectives = objectives;
        List<Integer> f = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("choice " + i + " has no option");
            }
            if (sizes[i] > 1) {
                f.add(i);
            }
        }
        this.free = f.stream().mapToInt(Integer::intValue).toArray();
        int pop = Math.max(4, population + (population & 1));
        this.initial = initial.stream().map(int[]::clone).limit(pop).toList();
        this.random = new SeededRandom(seed);
        this.engine = free.length == 0 ? null : new Engine(new Box(free, sizes, objectives), pop, random);
    }

    /** Population size (even). */
    public int population() {
        return engine == null ? 1 : engine.getMaxPopulationSize();
    }

    @Override
    public List<int[]> ask() {
        if (generation != null) {
            throw new IllegalStateException("ask() again before tell()");
        }
        if (engine == null) {
            if (singlePointDone) {
                return List.of();
            }
            singlePointDone = true;
            generation = List.of();
            return List.of(new int[sizes.length]);
        }
        List<IntegerSolution> next = locked(() -> {
            if (engine.getPopulation() == null) {
                List<IntegerSolution> pop = new ArrayList<>();
                for (int i = 0; i < engine.getMaxPopulationSize(); i++) {
                    IntegerSolution s = engine.getProblem().createSolution();
                    if (i < initial.size()) {
                        for (int v = 0; v < free.length; v++) {
                            s.variables().set(v, initial.get(i)[free[v]]);
                        }
                    }
                    pop.add(s);
                }
                return pop;
            }
            // Offspring equal to a point asked before, or to a sibling, are bred again (as pymoo's NSGA-II does
            // with eliminate_duplicates): on small discrete axes most children repeat their parents otherwise.
            List<IntegerSolution> unique = new ArrayList<>();
            Set<List<Integer>> siblings = new HashSet<>();
            int size = engine.getMaxPopulationSize();
            for (int attempt = 0; attempt < MAX_BREEDING_ATTEMPTS && unique.size() < size; attempt++) {
                for (IntegerSolution s : engine.offspring()) {
                    List<Integer> k = List.copyOf(s.variables());
                    if (unique.size() < size && !history.contains(k) && siblings.add(k)) {
                        unique.add(s);
                    }
                }
            }
            return unique.isEmpty() ? engine.offspring() : unique;
        });
        generation = next;
        List<int[]> points = new ArrayList<>(next.size());
        for (IntegerSolution s : next) {
            history.add(List.copyOf(s.variables()));
            int[] p = new int[sizes.length];
            for (int v = 0; v < free.length; v++) {
                p[free[v]] = s.variables().get(v);
            }
            points.add(p);
        }
        return points;
    }

    @Override
    public void tell(List<Outcome> outcomes) {
        if (generation == null) {
            throw new IllegalStateException("tell() without ask()");
        }
        if (engine == null) {
            generation = null;
            return;
        }
        if (outcomes.size() != generation.size()) {
            throw new IllegalArgumentException("told " + outcomes.size() + " outcomes for " + generation.size() + " points");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.objectives().length != objectives) {
                throw new IllegalArgumentException("outcome " + i + " has " + o.objectives().length + " objectives, expected "
                        + objectives);
            }
            IntegerSolution s = generation.get(i);
            System.arraycopy(o.objectives(), 0, s.objectives(), 0, objectives);
            // jMetal's convention: a constraint value below zero is violated by that much.
            s.constraints()[0] = -o.violation();
        }
        List<IntegerSolution> offspring = generation;
        generation = null;
        locked(() -> {
            engine.setPopulation(engine.getPopulation() == null ? offspring : engine.survivors(offspring));
            return null;
        });
    }

    private <T> T locked(java.util.function.Supplier<T> step) {
        synchronized (JMetalRandom.class) {
            JMetalRandom global = JMetalRandom.getInstance();
            PseudoRandomGenerator previous = global.getRandomGenerator();
            global.setRandomGenerator(random);
            try {
                return step.get();
            } finally {
                global.setRandomGenerator(previous);
            }
        }
    }

    /** jMetal's NSGA-II with its generation steps opened up for ask/tell. */
    private static final class Engine extends NSGAII<IntegerSolution> {
        private static final long serialVersionUID = 1L;

        Engine(Box problem, int population, SeededRandom random) {
            super(problem, Integer.MAX_VALUE, population, population, population,
                    new IntegerSBXCrossover(CROSSOVER_PROBABILITY, DISTRIBUTION_INDEX, random::nextDouble),
                    new IntegerPolynomialMutation(1.0 / problem.numberOfVariables(), DISTRIBUTION_INDEX,
                            new RepairDoubleSolutionWithBoundValue(),
                            random::nextDouble),
                    new BinaryTournamentSelection<>(new RankingAndCrowdingDistanceComparator<>()),
                    new DominanceWithConstraintsComparator<>(), new SequentialSolutionListEvaluator<>());
        }

        List<IntegerSolution> offspring() {
            return reproduction(selection(getPopulation()));
        }

        List<IntegerSolution> survivors(List<IntegerSolution> offspring) {
            return replacement(getPopulation(), offspring);
        }
    }

    /** The box of free choices; solutions are evaluated by the caller, never here. */
    private static final class Box extends AbstractIntegerProblem {
        private static final long serialVersionUID = 1L;

        Box(int[] free, int[] sizes, int objectives) {
            List<Integer> lower = new ArrayList<>();
            List<Integer> upper = new ArrayList<>();
            for (int i : free) {
                lower.add(0);
                upper.add(sizes[i] - 1);
            }
            variableBounds(lower, upper);
            numberOfObjectives(objectives);
            numberOfConstraints(1);
            name("sparcade design space");
        }

        @Override
        public IntegerSolution evaluate(IntegerSolution solution) {
            throw new UnsupportedOperationException("points are evaluated by the caller (ask/tell)");
        }
    }

    /** jMetal's random-generator interface over a seeded {@link SplittableRandom}. */
    private static final class SeededRandom implements PseudoRandomGenerator {
        private static final long serialVersionUID = 1L;
        private transient SplittableRandom rng;
        private long seed;

        SeededRandom(long seed) {
            setSeed(seed);
        }

        @Override
        public int nextInt(int lowerBound, int upperBound) {
            return lowerBound + rng.nextInt(upperBound - lowerBound + 1);
        }

        @Override
        public double nextDouble(double lowerBound, double upperBound) {
            return lowerBound + (upperBound - lowerBound) * rng.nextDouble();
        }

        @Override
        public double nextDouble() {
            return rng.nextDouble();
        }

        @Override
        public void setSeed(long seed) {
            this.seed = seed;
            this.rng = new SplittableRandom(seed);
        }

        @Override
        public long getSeed() {
            return seed;
        }

        @Override
        public String getName() {
            return "SplittableRandom";
        }
    }
}
