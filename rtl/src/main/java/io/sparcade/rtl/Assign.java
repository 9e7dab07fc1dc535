package io.sparcade.rtl;

import io.sparcade.model.Checks;

/** A continuous assignment {@code assign lhs = rhs;} between nets, ports and their bit slices. */
public record Assign(String lhs, String rhs) {
    public Assign {
        Checks.name(lhs, "assign target");
        Checks.name(rhs, "assign source");
    }
}
