package io.sparcade.rtl;

import io.sparcade.model.Checks;

/** A wire declared inside a module. */
public record Net(String name, int width) {
    public Net {
        Checks.name(name, "net name");
        Checks.positive(width, "net " + name + " width");
    }
}
