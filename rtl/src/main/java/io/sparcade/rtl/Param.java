package io.sparcade.rtl;

import io.sparcade.model.Checks;

/** An integer module parameter or parameter override. */
public record Param(String name, long value) {
    public Param {
        Checks.name(name, "parameter name");
    }
}
