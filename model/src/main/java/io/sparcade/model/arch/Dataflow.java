package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonValue;

/** Systolic-array dataflows, named as SCALE-Sim names them. */
public enum Dataflow {
    /** Output stationary: each PE owns one output element and accumulates over the reduction. */
    OS("os"),
    /** Weight stationary: each PE holds one weight; activations stream through. */
    WS("ws"),
    /** Input stationary: each PE holds one input activation; weights stream through. */
    IS("is");

    private final String id;

    Dataflow(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
