package io.sparcade.model.presets;

import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.util.List;

/**
 * {@code mlp-train-nm}: one training step of an MLP whose weights are N:M sparse (2:8 by default, the ratio
 * papers.md §1 reports BDWP's 1.75x at). Training expansion gives each layer forward, backward-data and
 * backward-weight GEMMs; BDWP prunes forward along k and backward-data along n.
 */
final class MlpTrainNm implements WorkloadPreset {
    @Override
    public String name() {
        return "mlp-train-nm";
    }

    @Override
    public String description() {
        return "one training step of an N:M sparse MLP (BDWP, 2:8 by default)";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(
                new PresetParameter("batch", "256", "rows of the activation matrix"),
                new PresetParameter("hidden", "1024", "width of every layer"),
                new PresetParameter("layers", "3", "number of linear layers"),
                new PresetParameter("nm", "2:8", "N:M sparsity of every weight (papers.md §1: 2:8), or dense"));
    }

    @Override
    public Workload build(Params p) {
        long batch = p.positiveLong("batch");
        long hidden = p.positiveLong("hidden");
        int layers = p.positiveInt("layers");
        int[] nm = p.nm("nm");
        Workload.Builder b = new Workload.Builder(name()).description(description()).training(true)
                .input("x", Shape.of(batch, hidden));
        String prev = "x";
        for (int i = 1; i <= layers; i++) {
            String fc = "fc" + i;
            b.op(new Gemm(fc, List.of(prev), batch, hidden, hidden, 8, 8));
            if (nm != null) {
                b.nm(fc, nm[0], nm[1], "k");
            }
            prev = fc;
            if (i < layers) {
                String act = "relu" + i;
                b.op(new Eltwise(act, List.of(prev), Shape.of(batch, hidden), "relu", 8));
                prev = act;
            }
        }
        p.values().forEach(b::parameter);
        return b.build();
    }
}
