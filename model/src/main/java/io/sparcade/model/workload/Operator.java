package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One operator of a workload, as a dense description: its kind, its dimensions and the tensors it reads.
 * An operator's output tensor carries the operator's name. Sparsity is not part of an operator: it is an
 * overlay ({@link SparsityOverlay}) applied on top.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Gemm.class, name = "gemm"),
    @JsonSubTypes.Type(value = Conv2d.class, name = "conv2d"),
    @JsonSubTypes.Type(value = Matmul.class, name = "matmul"),
    @JsonSubTypes.Type(value = Softmax.class, name = "softmax"),
    @JsonSubTypes.Type(value = Norm.class, name = "norm"),
    @JsonSubTypes.Type(value = Eltwise.class, name = "eltwise"),
    @JsonSubTypes.Type(value = TopK.class, name = "topk"),
    @JsonSubTypes.Type(value = Reduce.class, name = "reduce"),
    @JsonSubTypes.Type(value = Reshape.class, name = "reshape"),
    @JsonSubTypes.Type(value = Pool.class, name = "pool"),
    @JsonSubTypes.Type(value = Append.class, name = "append"),
    @JsonSubTypes.Type(value = Embedding.class, name = "embedding"),
    @JsonSubTypes.Type(value = ExpertGemm.class, name = "expert_gemm"),
    @JsonSubTypes.Type(value = Concat.class, name = "concat"),
    @JsonSubTypes.Type(value = VectorOp.class, name = "vector")
})
public sealed interface Operator permits Gemm, Conv2d, Matmul, Softmax, Norm, Eltwise, TopK, Reduce, Reshape, Pool,
        Append, Embedding, ExpertGemm, Concat, VectorOp {
    String name();

    /** Names of the tensors read: workload inputs or other operators (whose output has their name). */
    List<String> inputs();

    /** Bits per activation element. */
    int bits();

    /** The shape each input must have, in the order of {@link #inputs()}. */
    List<Shape> expectedInputShapes();

    Shape outputShape();

    /**
     * Whether {@code actual} is acceptable as input {@code index}: empty when it is, else the problem. The
     * default demands exactly {@link #expectedInputShapes()}.
     */
    default java.util.Optional<String> checkInput(int index, Shape actual) {
        Shape want = expectedInputShapes().get(index);
        return want.equals(actual) ? java.util.Optional.empty()
                : java.util.Optional.of("shape " + actual + " but '" + name() + "' expects " + want);
    }

    /**
     * The named dimensions of this operator, for sparsity overlays ({@code nm.dim}, {@code keep}) and
     * mappings. Reduction dimensions are the ones N:M may prune.
     */
    Map<String, Long> dims();

    /** Parameters (weight elements) this operator holds: 0 for operators without weights. */
    default long weights() {
        return 0;
    }

    /** Parameters one token uses (a mixture of experts uses only its routed experts'): all of them by default. */
    default long activeWeights() {
        return weights();
    }

    /** Dimensions an N:M pattern may prune on this operator (empty: N:M does not apply). */
    default List<String> prunableDims() {
        return List.of();
    }
}
