package io.sparcade.model.workload;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an activation-sparsity method decides which neurons (input features or output neurons of a weight) a token
 * uses, and so which selector runs before the operator:
 * <ul>
 *   <li>{@code threshold}: compare each activation's magnitude with a calibrated threshold, one comparison per
 *       element on the vector unit ("CATS: Contextually-Aware Thresholding for Sparsity in Large Language Models";
 *       TEAL, "Training-Free Activation Sparsity in Large Language Models");</li>
 *   <li>{@code predictor}: a low-rank predictor (two small GEMMs) guesses the active neurons before they are
 *       computed, the "lazy neuron" line ("The Lazy Neuron Phenomenon: On Emergence of Activation Sparsity in
 *       Transformers"; "ProSparse: Introducing and Enhancing Intrinsic Activation Sparsity within Large Language
 *       Models", whose ReLU models are served with predictors);</li>
 *   <li>{@code weight-norm}: |x_i| times the column norm of the weight, then a top-k ("WINA: Weight Informed Neuron
 *       Activation for Accelerating Large Language Model Inference");</li>
 *   <li>{@code topk}: a low-cost predictor from part of the weights, then statistical top-k ("Spark Transformer:
 *       Reactivating Sparsity in FFN and Attention").</li>
 * </ul>
 */
public enum ActivationSelector {
    THRESHOLD("threshold"),
    PREDICTOR("predictor"),
    WEIGHT_NORM("weight-norm"),
    TOPK("topk");

    private final String id;

    ActivationSelector(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
