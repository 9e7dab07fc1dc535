package io.sparcade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's spec examples are the files in examples/, and those files run. */
class ExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void readmeYamlBlocksAreTheExampleFiles() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(5);
        List<String> files = List.of("small-accelerator.yaml", "attention-block.yaml", "attention-mapping.yaml");
        for (int i = 0; i < files.size(); i++) {
            String file = Files.readString(ROOT.resolve("examples").resolve(files.get(i)));
            String body = file.lines().dropWhile(l -> l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            assertThat(blocks.get(i)).as(files.get(i)).isEqualTo(body);
        }
        // the fourth is the study section's methods file: it parses and applies to llama2-7b as written
        Path methods = tmp.resolve("methods.yaml");
        Files.writeString(methods, blocks.get(3));
        io.sparcade.app.Study.Methods ms = io.sparcade.app.Study.methods(methods.toString());
        assertThat(ms.methods()).extracting(io.sparcade.app.Study.Method::name).containsExactly("act-predictor");
        io.sparcade.app.Study.apply(io.sparcade.model.spec.Specs.workload("llama2-7b", java.util.Map.of("phase", "decode"),
                List.of()).dense(), ms.methods().get(0), 0.3);
        // the fifth is the DSE section's sweep example: it parses and validates as written
        io.sparcade.dse.sweep.SweepSpec sweep = io.sparcade.dse.sweep.SweepParser.parse("README.md", blocks.get(4));
        assertThat(sweep.name()).isEqualTo("sat-nm-study");
        assertThat(sweep.size()).as("5 x 4 x 2 x 2 x 4 + 3 x 2 x 2").isEqualTo(332);
    }

    @Test
    void theExamplesSimulateWithTheirMapping() {
        Path ex = ROOT.resolve("examples");
        CliRunner r = CliRunner.run("simulate", "--arch", ex.resolve("small-accelerator.yaml").toString(),
                "--workload", ex.resolve("attention-block.yaml").toString(),
                "--mapping", ex.resolve("attention-mapping.yaml").toString(), "--out", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("speedup");
        CliRunner s = CliRunner.run("schedule", "--arch", ex.resolve("small-accelerator.yaml").toString(),
                "--workload", ex.resolve("attention-block.yaml").toString(),
                "--mapping", ex.resolve("attention-mapping.yaml").toString());
        assertThat(s.out()).containsPattern("q_proj\\s+array\\s+sparse\\s+gemm 128x256x256 2:4\\s+64x128x64 mn");
        assertThat(s.out()).containsPattern("keep_tokens\\s+topk");
    }
}
