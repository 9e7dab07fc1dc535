package io.sparcade.model.spec;

/** Small workload YAML texts shared by the model tests. */
public final class WorkloadYaml {
    /** One 8x16x8 GEMM, its weight 2:8 sparse along k. */
    public static final String GEMM = """
            name: w
            inputs:
              x: [8, 16]
            operators:
              - type: gemm
                name: fc
                inputs: [x]
                m: 8
                k: 16
                n: 8
            sparsity:
              fc:
                nm: {n: 2, m: 8, dim: k}
            """;

    private WorkloadYaml() {
    }
}
