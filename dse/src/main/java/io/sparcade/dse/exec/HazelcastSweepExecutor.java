package io.sparcade.dse.exec;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.sparcade.dse.eval.PointResult;
import io.sparcade.dse.sweep.DesignPoint;
import io.sparcade.dse.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Spreads points over the members of a Hazelcast cluster (this JVM's member included) through a distributed
 * executor: points go out in small batches, round robin over the members present at each submission, with a
 * bounded number in flight; results come back to this member, which hands them to the sink. A batch whose
 * member leaves the cluster before answering is sent again to a member still there, so a lost worker costs
 * time, not points.
 */
public final class HazelcastSweepExecutor implements SweepExecutor {
    /** Points per task: large enough to hide the round trip, small enough to stream rows. */
    static final int BATCH = 8;
    private final HazelcastInstance member;
    private final Map<String, Integer> batchesPerMember = new ConcurrentHashMap<>();
    private int resent;

    /** @param member this JVM's member; the caller owns it and shuts it down */
    public HazelcastSweepExecutor(HazelcastInstance member) {
        this.member = member;
    }

    private record Pending(int batch, Future<ArrayList<PointResult>> future) {
    }

    @Override
    public void execute(SweepSpec sweep, Iterator<DesignPoint> points, Sink sink) throws Exception {
        IExecutorService exec = member.getExecutorService(ClusterMembers.EXECUTOR);
        int inFlightMax = Math.max(2, member.getCluster().getMembers().size() * Runtime.getRuntime().availableProcessors() * 2);
        LinkedBlockingQueue<Pending> finished = new LinkedBlockingQueue<>();
        // Only the batches in flight are held: each is cut from the iterator when it is first sent.
        Map<Integer, List<DesignPoint>> batches = new HashMap<>();
        int[] turn = {0};
        java.util.function.IntConsumer submit = b -> {
            Future<ArrayList<PointResult>> f = null;
            for (int attempt = 0; f == null; attempt++) {
                List<Member> members = new ArrayList<>(member.getCluster().getMembers());
                Member target = members.get(turn[0]++ % members.size());
                try {
                    f = exec.submitToMember(new EvaluateBatch(sweep.source(), sweep.text(), batches.get(b)), target);
                    batchesPerMember.merge(target.getAddress().toString(), 1, Integer::sum);
                } catch (RuntimeException e) {
                    if (!memberGone(e) || attempt > members.size()) {
                        throw e;
                    }
                }
            }
            Pending p = new Pending(b, f);
            if (f instanceof CompletionStage<?> cs) {
                cs.whenComplete((r, e) -> finished.add(p));
            } else {
                finished.add(p);
            }
        };
        int next = 0;
        while (true) {
            while (batches.size() < inFlightMax && points.hasNext()) {
                List<DesignPoint> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && points.hasNext()) {
                    batch.add(points.next());
                }
                batches.put(next, List.copyOf(batch));
                submit.accept(next++);
            }
            if (batches.isEmpty()) {
                return;
            }
            Pending p = finished.poll(1, TimeUnit.SECONDS);
            if (p == null) {
                continue;
            }
            List<PointResult> results;
            try {
                results = p.future().get();
            } catch (ExecutionException e) {
                if (memberGone(e)) {
                    resent++;
                    submit.accept(p.batch());
                    continue;
                }
                throw e;
            }
            batches.remove(p.batch());
            for (PointResult r : results) {
                sink.accept(r);
            }
        }
    }

    /** Whether a failure (Hazelcast's MemberLeftException is itself an ExecutionException) means the member left. */
    private static boolean memberGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetNotMemberException
                    || t instanceof TargetDisconnectedException || t instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    /** Batches sent to each member (by address) so far: shows the points were spread. */
    public Map<String, Integer> batchesPerMember() {
        return Map.copyOf(batchesPerMember);
    }

    /** Batches sent again because their member left. */
    public int resentBatches() {
        return resent;
    }

    @Override
    public String describe() {
        return "Hazelcast cluster of " + member.getCluster().getMembers().size() + " member(s)";
    }
}
