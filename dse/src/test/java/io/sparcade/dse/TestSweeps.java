package io.sparcade.dse;

import io.sparcade.dse.sweep.SweepParser;
import io.sparcade.dse.sweep.SweepSpec;

/** Small sweeps for tests. */
final class TestSweeps {
    /** 28 quick points on two designs; the 1 KiB buffer makes points fail on purpose (no tile fits). */
    static final String SMALL = """
            name: small
            seed: 3
            search: {strategy: hill-climb, budget: 3, objective: edp}
            objectives: [latency, energy]
            designs:
              - arch: sat-vcu1525
                workloads: [mlp-train-nm]
                params: {batch: 32, hidden: 128, layers: 2}
                constraints: {dsp48: 2000}
                axes:
                  units.array.rows: [8, 64]
                  units.array.cols: [8, 32]
                  workload.nm: [dense, "2:8"]
                  units.glb.capacity_kib: [1, 256]
              - arch: flightllm-u280
                workloads: [llama2-7b-decode]
                axes:
                  units.dsp.chains: {from: 64, to: 256, times: 2}
                  workload.nm: [dense, "2:16"]
                  units.dram.channels: [16, 32]
            """;

    /** 432 points of FlightLLM, slow enough single-threaded to be killed half way. */
    static final String LONG = """
            name: long
            seed: 11
            search: {strategy: random, budget: 3, objective: latency}
            objectives: [latency, energy, dsp48]
            designs:
              - arch: flightllm-u280
                workloads: [llama2-7b-decode]
                axes:
                  units.dsp.chains: [32, 64, 128, 256]
                  units.dsp.groups_per_chain: [4, 8, 16]
                  workload.nm: [dense, "2:16", "4:16", "8:16"]
                  units.dram.channels: [8, 16, 32]
                  clock_mhz: [200, 225, 250]
            """;

    private TestSweeps() {
    }

    static SweepSpec small() {
        return SweepParser.parse("small.yaml", SMALL);
    }
}
