package io.sparcade.dse.exec;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Spreads points over the members of a Hazelcast cluster (this JVM's member included) through a distributed
 * executor: points go out in small batches, round robin over the members present at the start, with a bounded
 * number in flight; results come back to this member, which hands them to the sink.
 */
public final class HazelcastSweepExecutor implements SweepExecutor {
    /** Points per task: large enough to hide the round trip, small enough to stream rows. */
    static final int BATCH = 8;
    private final HazelcastInstance member;
    private final java.util.Map<String, Integer> batchesPerMember = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param member this JVM's member; the caller owns it and shuts it down */
    public HazelcastSweepExecutor(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public void execute(SweepSpec sweep, List<DesignPoint> points, Sink sink) throws Exception {
        IExecutorService exec = member.getExecutorService(ClusterMembers.EXECUTOR);
        List<Member> members = new ArrayList<>(member.getCluster().getMembers());
        int inFlightMax = Math.max(2, members.size() * Runtime.getRuntime().availableProcessors() * 2);
        LinkedBlockingQueue<Future<ArrayList<PointResult>>> finished = new LinkedBlockingQueue<>();
        List<List<DesignPoint>> batches = new ArrayList<>();
        for (int i = 0; i < points.size(); i += BATCH) {
            batches.add(List.copyOf(points.subList(i, Math.min(points.size(), i + BATCH))));
        }
        int next = 0;
        int inFlight = 0;
        int received = 0;
        while (received < batches.size()) {
            while (next < batches.size() && inFlight < inFlightMax) {
                EvaluateBatch task = new EvaluateBatch(sweep.source(), sweep.text(), batches.get(next));
                Member target = members.get(next % members.size());
                batchesPerMember.merge(target.getAddress().toString(), 1, Integer::sum);
                Future<ArrayList<PointResult>> f = exec.submitToMember(task, target);
                if (f instanceof java.util.concurrent.CompletionStage<?> cs) {
                    cs.whenComplete((r, e) -> finished.add(f));
                } else {
                    finished.add(f);
                }
                next++;
                inFlight++;
            }
            Future<ArrayList<PointResult>> f = finished.poll(1, TimeUnit.SECONDS);
            if (f == null) {
                continue;
            }
            for (PointResult r : f.get()) {
                sink.accept(r);
            }
            inFlight--;
            received++;
        }
    }

    /** Batches sent to each member (by address) so far: shows the points were spread. */
    public java.util.Map<String, Integer> batchesPerMember() {
        return java.util.Map.copyOf(batchesPerMember);
    }

    @Override
    public String describe() {
        return "Hazelcast cluster of " + member.getCluster().getMembers().size() + " member(s)";
    }
}
