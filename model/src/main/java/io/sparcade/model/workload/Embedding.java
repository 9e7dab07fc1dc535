package io.sparcade.model.workload;

import io.sparcade.model.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table lookup: one row of a [vocab, dim] weight table per token id (an LLM's token embedding). Input: the
 * token ids [rows]; output [rows, dim]. Only the looked-up rows are read from off-chip memory, at {@code bits}
 * per element; the whole table counts as parameters unless it is {@code shared} with another operator (an LM
 * head tied to the embedding), so it is not counted twice.
 *
 * @param rows   tokens looked up
 * @param vocab  rows of the table
 * @param dim    columns of the table (the hidden size)
 * @param bits   bits per table element
 * @param shared whether the table is another operator's weight (tied embeddings)
 */
public record Embedding(String name, List<String> inputs, long rows, long vocab, long dim, int bits, boolean shared)
        implements Operator {
    public Embedding {
        Checks.name(name, "name");
        inputs = OpChecks.inputs(inputs, 1, 1);
        Checks.positive(rows, "rows");
        Checks.positive(vocab, "vocab");
        Checks.positive(dim, "dim");
        bits = OpChecks.bits(bits);
    }

    @Override
    public List<Shape> expectedInputShapes() {
        return List.of(Shape.of(rows));
    }

    @Override
    public Shape outputShape() {
        return Shape.of(rows, dim);
    }

    @Override
    public Map<String, Long> dims() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("rows", rows);
        d.put("dim", dim);
        return d;
    }

    @Override
    public long weights() {
        return shared ? 0 : Math.multiplyExact(vocab, dim);
    }
}
