package io.sparcade.model.arch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One hardware block of an {@link Architecture}: a compute unit, an on-chip buffer or off-chip memory.
 * The YAML key {@code type} picks the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NmArraySpec.class, name = NmArraySpec.TYPE),
    @JsonSubTypes.Type(value = TopkEngineSpec.class, name = TopkEngineSpec.TYPE),
    @JsonSubTypes.Type(value = DspChainSpec.class, name = DspChainSpec.TYPE),
    @JsonSubTypes.Type(value = VectorUnitSpec.class, name = VectorUnitSpec.TYPE),
    @JsonSubTypes.Type(value = BufferSpec.class, name = BufferSpec.TYPE),
    @JsonSubTypes.Type(value = DramSpec.class, name = DramSpec.TYPE)
})
public sealed interface UnitSpec permits ComputeUnitSpec, BufferSpec, DramSpec {
    /** The YAML {@code type} of this kind of unit. */
    String type();
}
