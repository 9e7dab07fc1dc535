package io.sparcade.model.hf;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparcade.model.SpecException;
import io.sparcade.model.presets.LlmConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Hugging Face {@code config.json} of a decoder-only LLM into an {@link LlmConfig}. Understood:
 * {@code architectures}/{@code model_type}, {@code hidden_size}, {@code intermediate_size},
 * {@code num_hidden_layers}, {@code num_attention_heads}, {@code num_key_value_heads}, {@code head_dim},
 * {@code vocab_size}, {@code tie_word_embeddings}, {@code hidden_act}, {@code sliding_window} (with Qwen's
 * {@code use_sliding_window} and {@code max_window_layers}), the mixture-of-experts fields
 * ({@code num_local_experts}/{@code num_experts}/{@code n_routed_experts}, {@code num_experts_per_tok},
 * {@code moe_intermediate_size}, {@code shared_expert_intermediate_size}, {@code n_shared_experts},
 * {@code first_k_dense_replace}, {@code norm_topk_prob}) and {@code torch_dtype}; OPT's names for the same
 * ({@code ffn_dim}, {@code activation_function}, learned positions). Fields that do not change the graph at this
 * model's fidelity (token ids, epsilons, RoPE bases and scaling, dropout, initialisation...) are ignored; any
 * other field is an error naming it, unless its value is null, false or its no-op default, so a field that
 * would change the graph is never silently ignored.
 */
public final class HfConfig {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** Largest value of a size field: 2^24 (today's largest models stay below 2^20 in every dimension but context). */
    static final long MAX_FIELD = 1L << 24;
    /** Where the shipped configs are (in the jar; copied from data/hf-configs). */
    public static final String SHIPPED_DIR = "/io/sparcade/hf-configs/";
    /** The model types whose MLP is gated (act(gate) x up), whatever their activation. */
    private static final Set<String> GATED = Set.of("llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3",
            "qwen3_moe", "phi3", "deepseek", "gemma", "olmo", "olmo2", "olmoe", "granite", "granitemoe", "internlm2",
            "yi", "baichuan", "starcoder2_gated", "cohere", "stablelm", "minicpm", "exaone");
    /** The model types whose MLP is fc1, activation, fc2. */
    private static final Set<String> PLAIN = Set.of("opt", "gpt2", "gpt_neox", "gptj", "phi", "falcon", "bloom",
            "starcoder2", "gpt_bigcode", "mpt");
    /** Model types whose attention is not one kind in every layer, or is not the standard one: refused by name. */
    private static final Map<String, String> UNSUPPORTED_TYPES = Map.of(
            "gemma2", "alternates sliding-window and global attention layers",
            "gemma3", "alternates sliding-window and global attention layers",
            "cohere2", "alternates sliding-window and global attention layers",
            "deepseek_v2", "uses multi-head latent attention (kv_lora_rank), which this builder does not model",
            "deepseek_v3", "uses multi-head latent attention (kv_lora_rank), which this builder does not model",
            "t5", "is an encoder-decoder model", "bart", "is an encoder-decoder model", "bert", "is an encoder");
    /** Model types whose config class defaults tie_word_embeddings to false. */
    private static final Set<String> UNTIED_BY_DEFAULT = Set.of("llama", "mistral", "mixtral", "qwen2", "qwen2_moe",
            "qwen3", "qwen3_moe", "phi3", "deepseek", "olmoe", "granite", "granitemoe", "internlm2");
    /** Fields read by this reader. */
    private static final Set<String> UNDERSTOOD = Set.of("architectures", "model_type", "hidden_size",
            "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim",
            "vocab_size", "tie_word_embeddings", "hidden_act", "hidden_activation", "sliding_window",
            "use_sliding_window", "max_window_layers", "num_local_experts", "num_experts", "n_routed_experts",
            "num_experts_per_tok", "moe_intermediate_size", "shared_expert_intermediate_size", "n_shared_experts",
            "first_k_dense_replace", "norm_topk_prob", "torch_dtype", "dtype", "decoder_sparse_step",
            "mlp_only_layers", "moe_layer_freq", "ffn_dim", "activation_function", "word_embed_proj_dim",
            "do_layer_norm_before", "max_position_embeddings", "is_encoder_decoder");
    /**
     * Fields that do not change the graph's operators, shapes or weights at this model's fidelity (numerics,
     * token ids, training-only settings, bookkeeping). Biases (attention_bias, mlp_bias) add under 0.1% of the
     * weights and are not counted.
     */
    private static final Set<String> IGNORED = Set.of("_name_or_path", "transformers_version", "auto_map",
            "bos_token_id", "eos_token_id", "pad_token_id", "initializer_range", "rms_norm_eps", "layer_norm_eps",
            "layer_norm_epsilon", "rope_theta", "rope_scaling", "rope_parameters", "original_max_position_embeddings",
            "use_cache", "attention_dropout", "hidden_dropout", "dropout", "activation_dropout", "embd_pdrop",
            "resid_pdrop", "attn_pdrop", "layerdrop", "output_router_logits", "router_aux_loss_coef",
            "router_jitter_noise", "aux_loss_alpha", "seq_aux", "scoring_func", "pretraining_tp", "attention_bias",
            "mlp_bias", "enable_bias", "tokenizer_class", "prefix", "use_mrope", "init_std", "torchscript",
            "layer_norm_elementwise_affine", "_remove_final_layer_norm", "partial_rotary_factor", "qk_layernorm",
            "use_bfloat16", "architectures_version", "model_name", "bias", "rope_type", "num_logits_to_keep",
            "routed_scaling_factor");

    private HfConfig() {
    }

    /** Names of the configs shipped with Sparcade ({@code hf:<name>}), from {@code data/hf-configs}. */
    public static List<String> shipped() {
        try (InputStream in = HfConfig.class.getResourceAsStream(SHIPPED_DIR + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The text of a shipped config, or null when {@code name} is not one. */
    public static String shippedText(String name) {
        if (!shipped().contains(name)) {
            return null;
        }
        try (InputStream in = HfConfig.class.getResourceAsStream(SHIPPED_DIR + name + "/config.json")) {
            if (in == null) {
                throw new IllegalStateException("missing shipped config " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code ref}: a shipped config's name or a path to a config.json. */
    public static LlmConfig read(String ref) {
        String text = shippedText(ref);
        if (text != null) {
            return parse("hf:" + ref, ref, text);
        }
        Path file = Path.of(ref);
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), null, "no such file (and no shipped config named '" + ref
                    + "'; shipped: " + String.join(", ", shipped()) + ")");
        } catch (IOException e) {
            throw new SpecException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        Path parent = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString().equals("config.json") && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : file.getFileName().toString().replaceFirst("\\.json$", "");
        return parse(file.toString(), name, text);
    }

    /**
     * Parses the text of a config.json.
     *
     * @param source the file, for messages
     * @param name   the model's short name
     */
    public static LlmConfig parse(String source, String name, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new SpecException(where, null, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(source, null, "expected a JSON object (a Hugging Face config.json)");
        }
        return new Reader(source, name, root).config();
    }

    /** One config being read: typed field access with errors naming the field. */
    private static final class Reader {
        private final String source;
        private final String name;
        private final JsonNode root;

        Reader(String source, String name, JsonNode root) {
            this.source = source;
            this.name = name;
            this.root = root;
        }

        private SpecException error(String field, String problem) {
            return new SpecException(source, field, problem);
        }

        private boolean has(String field) {
            return root.has(field) && !root.get(field).isNull();
        }

        private long integer(String field) {
            JsonNode v = root.get(field);
            if (v == null || v.isNull()) {
                throw error(field, "missing (a decoder-only LLM's config.json has it)");
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
                throw error(field, "expected a positive integer, got " + v);
            }
            if (v.asLong() > MAX_FIELD) {
                throw error(field, v + " is larger than " + MAX_FIELD + " (sizes are bounded so counts never overflow)");
            }
            return v.asLong();
        }

        private long integer(String field, long dflt) {
            return has(field) ? integer(field) : dflt;
        }

        private long nonNegative(String field, long dflt) {
            if (!has(field)) {
                return dflt;
            }
            JsonNode v = root.get(field);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > MAX_FIELD) {
                throw error(field, "expected an integer in [0, " + MAX_FIELD + "], got " + v);
            }
            return v.asLong();
        }

        private boolean bool(String field, boolean dflt) {
            if (!has(field)) {
                return dflt;
            }
            JsonNode v = root.get(field);
            if (!v.isBoolean()) {
                throw error(field, "expected true or false, got " + v);
            }
            return v.asBoolean();
        }

        private String text(String field, String dflt) {
            if (!has(field)) {
                return dflt;
            }
            JsonNode v = root.get(field);
            if (!v.isTextual()) {
                throw error(field, "expected a string, got " + v);
            }
            return v.asText();
        }

        LlmConfig config() {
            checkFields();
            String type = text("model_type", "");
            if (UNSUPPORTED_TYPES.containsKey(type)) {
                throw error("model_type", "'" + type + "' " + UNSUPPORTED_TYPES.get(type) + ": not supported");
            }
            if (bool("is_encoder_decoder", false)) {
                throw error("is_encoder_decoder", "an encoder-decoder model is not a decoder-only LLM");
            }
            String arch = architecture();
            boolean opt = type.equals("opt");
            long hidden = integer("hidden_size");
            int layers = (int) Math.min(Integer.MAX_VALUE, integer("num_hidden_layers"));
            long heads = integer("num_attention_heads");
            long kvHeads = integer("num_key_value_heads", heads);
            if (kvHeads > heads || heads % kvHeads != 0) {
                throw error("num_key_value_heads", "must divide num_attention_heads (" + heads + "), got " + kvHeads);
            }
            long headDim;
            if (has("head_dim")) {
                headDim = integer("head_dim");
            } else {
                if (hidden % heads != 0) {
                    throw error("num_attention_heads", heads + " heads do not divide hidden_size " + hidden
                            + " (and no head_dim is given)");
                }
                headDim = hidden / heads;
            }
            long ffn = opt ? integer("ffn_dim") : integer("intermediate_size");
            String act = activation(opt ? text("activation_function", "relu")
                    : text("hidden_act", text("hidden_activation", "silu")), opt ? "activation_function" : "hidden_act");
            boolean gated = GATED.contains(type) || (!PLAIN.contains(type) && act.equals("silu"));
            if (opt && has("word_embed_proj_dim") && integer("word_embed_proj_dim") != hidden) {
                throw error("word_embed_proj_dim", "a projected embedding (" + root.get("word_embed_proj_dim")
                        + " != hidden_size " + hidden + ") is not supported");
            }
            if (opt && !bool("do_layer_norm_before", true)) {
                throw error("do_layer_norm_before", "post-norm OPT (false) is not supported");
            }
            // learned positions: OPT keeps max_position_embeddings + 2 rows (its offset of 2)
            long positions = opt ? integer("max_position_embeddings") + 2 : 0;
            long vocab = integer("vocab_size");
            // the default of Hugging Face's PretrainedConfig is true; these model classes default to false
            boolean tied = bool("tie_word_embeddings", !UNTIED_BY_DEFAULT.contains(type));
            long window = window(layers);
            LlmConfig.Moe moe = moe(type, hidden, ffn, layers);
            int bits = dtypeBits();
            String description = (arch.isEmpty() ? type : arch) + " from " + source + ", " + layers + " layers";
            try {
                return new LlmConfig(name, description, hidden, layers, heads, kvHeads, headDim, ffn, gated, act,
                        !opt, positions, vocab, tied, window, moe, bits);
            } catch (SpecException e) {
                throw new SpecException(source, e.field(), e.problem());
            }
        }

        /** Every top-level field must be understood, ignorable, or null/false (not in use). */
        private void checkFields() {
            if (has("quantization_config")) {
                throw error("quantization_config", "quantised checkpoints are not read: remove it and set --param weight_bits");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String k = f.getKey();
                JsonNode v = f.getValue();
                if (UNDERSTOOD.contains(k) || IGNORED.contains(k) || v.isNull()
                        || (v.isBoolean() && !v.asBoolean()) || (v.isContainerNode() && v.isEmpty())) {
                    continue;
                }
                throw error(k, "field not understood by Sparcade's decoder-LLM builder, and it may change the graph"
                        + " (value " + abbreviate(v) + "); remove it if it does not");
            }
        }

        private String architecture() {
            if (!has("architectures")) {
                return "";
            }
            JsonNode a = root.get("architectures");
            if (!a.isArray() || a.isEmpty() || !a.get(0).isTextual()) {
                throw error("architectures", "expected a list of class names, got " + abbreviate(a));
            }
            String arch = a.get(0).asText();
            if (!arch.endsWith("ForCausalLM") && !arch.endsWith("LMHeadModel")) {
                throw error("architectures", "'" + arch + "' is not a causal (decoder-only) language model");
            }
            return arch;
        }

        private String activation(String act, String field) {
            String a = act.toLowerCase(Locale.ROOT);
            if (a.equals("silu") || a.equals("swish")) {
                return "silu";
            }
            if (a.startsWith("gelu")) {
                return "gelu";
            }
            if (a.equals("relu")) {
                return "relu";
            }
            throw error(field, "activation '" + act + "' not supported (silu, swish, gelu*, relu)");
        }

        /** The sliding window applying to every layer, or 0. */
        private long window(int layers) {
            if (!has("sliding_window")) {
                return 0;
            }
            long w = integer("sliding_window");
            if (root.has("use_sliding_window")) {
                if (!bool("use_sliding_window", false)) {
                    return 0;
                }
                if (has("max_window_layers") && integer("max_window_layers") < layers) {
                    throw error("max_window_layers", "sliding-window attention in only some layers ("
                            + root.get("max_window_layers") + " of " + layers + ") is not supported");
                }
            }
            return w;
        }

        private LlmConfig.Moe moe(String type, long hidden, long ffn, int layers) {
            String expertsField = has("num_local_experts") ? "num_local_experts"
                    : has("num_experts") ? "num_experts" : has("n_routed_experts") ? "n_routed_experts" : null;
            if (expertsField == null) {
                for (String f : List.of("num_experts_per_tok", "moe_intermediate_size", "shared_expert_intermediate_size",
                        "n_shared_experts", "first_k_dense_replace")) {
                    if (has(f) && !(root.get(f).isIntegralNumber() && root.get(f).asLong() == 0)) {
                        throw error(f, "a mixture-of-experts field without an expert count (num_local_experts, "
                                + "num_experts or n_routed_experts)");
                    }
                }
                return null;
            }
            long experts = integer(expertsField);
            long topK = integer("num_experts_per_tok");
            if (topK > experts) {
                throw error("num_experts_per_tok", "must be <= " + expertsField + " (" + experts + "), got " + topK);
            }
            long expertFfn = integer("moe_intermediate_size", ffn);
            long shared = 0;
            boolean sharedGate = false;
            if (has("shared_expert_intermediate_size")) {
                shared = nonNegative("shared_expert_intermediate_size", 0);
                sharedGate = type.startsWith("qwen2_moe") || type.startsWith("qwen3_moe");
            } else if (has("n_shared_experts")) {
                shared = nonNegative("n_shared_experts", 0) * expertFfn;
            }
            if (has("decoder_sparse_step") && integer("decoder_sparse_step") != 1) {
                throw error("decoder_sparse_step", "MoE in only every " + root.get("decoder_sparse_step")
                        + "th layer is not supported (1: every layer)");
            }
            if (has("moe_layer_freq") && integer("moe_layer_freq") != 1) {
                throw error("moe_layer_freq", "MoE in only some layers is not supported (1: every layer)");
            }
            if (has("mlp_only_layers") && !(root.get("mlp_only_layers").isArray() && root.get("mlp_only_layers").isEmpty())) {
                throw error("mlp_only_layers", "dense MLP layers among the MoE layers are not supported, got "
                        + abbreviate(root.get("mlp_only_layers")));
            }
            int firstDense = (int) nonNegative("first_k_dense_replace", 0);
            if (firstDense >= layers) {
                throw error("first_k_dense_replace", "must be below num_hidden_layers (" + layers + "), got " + firstDense);
            }
            // Mixtral renormalises its top-2 weights (no field); Qwen-MoE and DeepSeek say so with norm_topk_prob
            boolean norm = bool("norm_topk_prob", type.equals("mixtral"));
            return new LlmConfig.Moe(experts, topK, expertFfn, shared, sharedGate, firstDense, norm);
        }

        private int dtypeBits() {
            String field = has("torch_dtype") ? "torch_dtype" : "dtype";
            String d = text(field, "bfloat16");
            return switch (d) {
                case "float32" -> 32;
                case "float16", "bfloat16" -> 16;
                case "float8_e4m3fn", "float8_e5m2", "int8" -> 8;
                default -> throw error(field, "unknown dtype '" + d + "' (float32, float16, bfloat16, float8_e4m3fn, int8)");
            };
        }

        private static String abbreviate(JsonNode v) {
            String s = v.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
    }

    /** For tests and tools: the list of shipped names with their config text. */
    static List<String[]> shippedTexts() {
        List<String[]> out = new ArrayList<>();
        for (String n : shipped()) {
            out.add(new String[] {n, shippedText(n)});
        }
        return out;
    }
}
