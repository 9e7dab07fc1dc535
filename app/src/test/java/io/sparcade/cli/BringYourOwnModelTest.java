package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** hf: and onnx: workloads through the real command line. */
class BringYourOwnModelTest {
    private static final Path MIXTRAL = Path.of("..", "data", "hf-configs", "mixtral-8x7b-v0.1", "config.json");
    private static final Path RESNET = Path.of("..", "data", "onnx", "resnet18.onnx");

    @TempDir
    static Path tmp;

    /*
     * The acceptance run. Batch 1 decode routes the token to 2 of 8 experts, so each expert projection
     * reads 2 x 4096 x 14336 bf16 weights = 234,881,024 B (plus its activations, under 0.1%), not 8 experts'.
     * Parameters: 46,702,526,464 total, 12,879,659,008 active (hand count in HfConfigTest).
     */
    @Test
    void mixtralDecodeOnFlightLlmReportsTokensPerSecondFetchingOnlyRoutedExperts() throws IOException {
        Path out = tmp.resolve("mixtral");
        CliRunner r = CliRunner.run("simulate", "--arch", "flightllm-u280", "--workload", "hf:" + MIXTRAL,
                "--param", "phase=decode", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        CSVRecord s = read(out.resolve("summary.csv")).get(0);
        double tokens = Double.parseDouble(s.get("tokens_per_s"));
        assertThat(tokens).isPositive();
        assertThat(s.get("params_total")).isEqualTo("46702526464");
        assertThat(s.get("params_active")).isEqualTo("12879659008");
        // the whole model: 32 layers and the once-per-pass graph (embedding, final norm, LM head)
        long model = Long.parseLong(s.get("model_cycles"));
        assertThat(model).isEqualTo(32 * Long.parseLong(s.get("total_cycles")) + Long.parseLong(s.get("per_pass_cycles")));
        assertThat(tokens).isCloseTo(225e6 / model, org.assertj.core.data.Percentage.withPercentage(0.01));
        for (CSVRecord op : read(out.resolve("ops.csv"))) {
            if (op.get("op").startsWith("expert_gate") || op.get("op").equals("expert_up")) {
                assertThat(Long.parseLong(op.get("dram_bytes"))).as(op.get("op"))
                        .isBetween(234_881_024L, 235_200_000L);
            }
        }
        assertThat(read(out.resolve("ops.csv"))).extracting(o -> o.get("op")).contains("lm_head", "embed", "router_topk");
        assertThat(r.out()).contains("46.70 B total", "12.88 B active");
    }

    /* A larger batch touches more experts, so the token rate per sequence falls and the batch rate rises. */
    @Test
    void moreSequencesTouchMoreExperts() throws IOException {
        double[] rate = new double[2];
        int i = 0;
        for (String batch : List.of("1", "8")) {
            Path out = tmp.resolve("mixtral-b" + batch);
            CliRunner r = CliRunner.run("simulate", "--arch", "flightllm-u280", "--workload", "hf:mixtral-8x7b-v0.1",
                    "--param", "phase=decode", "--param", "batch=" + batch, "--param", "context=256", "--out", out.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            rate[i++] = Double.parseDouble(read(out.resolve("summary.csv")).get(0).get("tokens_per_s"));
        }
        // 8 sequences read 7 of 8 experts instead of 2: more tokens per second in all, far from 8x
        assertThat(rate[1]).isGreaterThan(rate[0]).isLessThan(4 * rate[0]);
    }

    /* ResNet-18 from ONNX: the MACs the importer found (1,814,073,344 by hand, OnnxImportTest) are simulated. */
    @Test
    void resnet18FromOnnxSimulates() throws IOException {
        Path out = tmp.resolve("resnet");
        CliRunner r = CliRunner.run("simulate", "--arch", "sat-vcu1525", "--workload", "onnx:" + RESNET,
                "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        CSVRecord s = read(out.resolve("summary.csv")).get(0);
        assertThat(s.get("macs_useful")).isEqualTo("1814073344");
        assertThat(s.get("params_total")).isEqualTo("11678912");
        assertThat(Long.parseLong(s.get("total_cycles"))).isPositive();
    }

    @Test
    void presetsListTheShippedConfigs() {
        CliRunner r = CliRunner.run("presets");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("hf:<name>", "tinyllama-1.1b-chat-v1.0", "mixtral-8x7b-v0.1", "deepseek-moe-16b-base",
                "MoE 2 of 8 experts", "sliding window 4096", "onnx:<model.onnx>");
    }

    static Stream<Arguments> badInputs() throws IOException {
        String good = "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"intermediate_size\": 11008,"
                + " \"num_hidden_layers\": 2, \"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"vocab_size\": 32000}";
        byte[] resnet = Files.readAllBytes(RESNET);
        List<Arguments> c = new ArrayList<>();
        c.add(Arguments.of("malformed config.json", "hf:" + write("malformed.json", "{\n \"hidden_size\": 4096,,\n}"),
                List.of("malformed.json:2:", "malformed JSON")));
        c.add(Arguments.of("wrong type", "hf:" + write("type.json", good.replace("4096", "\"4096\"")),
                List.of("type.json", "hidden_size", "expected a positive integer")));
        c.add(Arguments.of("heads do not divide hidden", "hf:" + write("heads.json", good.replace("4096", "4100")),
                List.of("heads.json", "num_attention_heads", "do not divide hidden_size 4100")));
        c.add(Arguments.of("kv heads do not divide heads", "hf:" + write("kv.json", good.replace("\"num_key_value_heads\": 8",
                "\"num_key_value_heads\": 6")), List.of("kv.json", "num_key_value_heads", "must divide")));
        c.add(Arguments.of("missing config", "hf:" + tmp.resolve("nope/config.json"), List.of("config.json", "no such file")));
        c.add(Arguments.of("corrupt onnx", "onnx:" + write("corrupt.onnx", new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3}),
                List.of("corrupt.onnx", "not a readable ONNX model")));
        c.add(Arguments.of("truncated onnx", "onnx:" + write("truncated.onnx", Arrays.copyOf(resnet, resnet.length - 100)),
                List.of("truncated.onnx", "truncated")));
        c.add(Arguments.of("unsupported onnx operator", "onnx:" + Path.of("..", "data", "onnx", "node",
                "test_argmax_default_axis_example", "model.onnx"), List.of("model.onnx", "(ArgMax)", "unsupported operator")));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badModelFilesExitTwoWithOneLineAndNoReport(String name, String workload, List<String> mustMention) throws IOException {
        Path out = tmp.resolve("bad-" + name.replace(' ', '_'));
        CliRunner r = CliRunner.run("simulate", "--arch", "flightllm-u280", "--workload", workload, "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList();
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("sparcade: error: ").contains(mustMention);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.toList()).as("no partial report").isEmpty();
            }
        }
    }

    private static String write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static String write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
