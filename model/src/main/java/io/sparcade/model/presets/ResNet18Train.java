package io.sparcade.model.presets;

import io.sparcade.model.workload.Conv2d;
import io.sparcade.model.workload.Eltwise;
import io.sparcade.model.workload.Gemm;
import io.sparcade.model.workload.Pool;
import io.sparcade.model.workload.Reshape;
import io.sparcade.model.workload.Shape;
import io.sparcade.model.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resnet18-train}: one training step of ResNet-18 on ImageNet shapes (224x224x3; the published
 * architecture: 7x7/2 stem, 3x3/2 max pool, four stages of two basic blocks at 64/128/256/512 channels, 1x1/2
 * downsampling, global average pool, 1000-way FC). BDWP (papers.md §1): every conv and the FC get the N:M
 * pattern where M divides both the forward reduction (in_c·kh·kw) and the output channels; the 3-channel stem
 * (reduction 147) stays dense, as do layers M does not divide.
 */
final class ResNet18Train implements WorkloadPreset {
    @Override
    public String name() {
        return "resnet18-train";
    }

    @Override
    public String description() {
        return "one training step of ResNet-18 on ImageNet shapes, BDWP N:M (2:8 by default)";
    }

    @Override
    public List<PresetParameter> parameters() {
        return List.of(new PresetParameter("batch", "32", "images per step"),
                new PresetParameter("nm", "2:8", "N:M of every prunable layer (papers.md §1: 2:8), or dense"));
    }

    @Override
    public Workload build(Params p) {
        long batch = p.positiveLong("batch");
        int[] nm = p.nm("nm");
        Workload.Builder b = new Workload.Builder(name()).description(description()).training(true)
                .input("image", Shape.of(batch, 3, 224, 224));
        List<Conv2d> convs = new ArrayList<>();
        Conv2d stem = new Conv2d("conv1", List.of("image"), batch, 3, 224, 224, 64, 7, 7, 2, 3, 8, 8);
        b.op(stem);
        convs.add(stem);
        b.op(new Pool("maxpool", List.of("conv1"), batch, 64, 112, 112, 3, 2, 1, "max", 8));
        String prev = "maxpool";
        long c = 64;
        long hw = 56;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            long out = widths[stage];
            for (int block = 0; block < 2; block++) {
                String id = "s" + (stage + 1) + "b" + (block + 1);
                long stride = stage > 0 && block == 0 ? 2 : 1;
                long outHw = hw / stride;
                Conv2d a = new Conv2d(id + ".conv_a", List.of(prev), batch, c, hw, hw, out, 3, 3, stride, 1, 8, 8);
                Conv2d bb = new Conv2d(id + ".conv_b", List.of(a.name()), batch, out, outHw, outHw, out, 3, 3, 1, 1, 8, 8);
                b.op(a).op(bb);
                convs.add(a);
                convs.add(bb);
                String shortcut = prev;
                if (stride != 1 || c != out) {
                    Conv2d down = new Conv2d(id + ".down", List.of(prev), batch, c, hw, hw, out, 1, 1, stride, 0, 8, 8);
                    b.op(down);
                    convs.add(down);
                    shortcut = down.name();
                }
                Shape shape = Shape.of(batch, out, outHw, outHw);
                b.op(new Eltwise(id + ".add_relu", List.of(bb.name(), shortcut), shape, "add+relu", 8));
                prev = id + ".add_relu";
                c = out;
                hw = outHw;
            }
        }
        b.op(new Pool("avgpool", List.of(prev), batch, 512, 7, 7, 7, 1, 0, "avg", 8))
                .op(new Reshape("flatten", List.of("avgpool"), Shape.of(batch, 512), 8))
                .op(new Gemm("fc", List.of("flatten"), batch, 512, 1000, 8, 8));
        if (nm != null) {
            for (Conv2d conv : convs) {
                if (conv.gemmK() % nm[1] == 0 && conv.outC() % nm[1] == 0) {
                    b.nm(conv.name(), nm[0], nm[1], "k");
                }
            }
            if (512 % nm[1] == 0 && 1000 % nm[1] == 0) {
                b.nm("fc", nm[0], nm[1], "k");
            }
        }
        p.values().forEach(b::parameter);
        return b.build();
    }
}
