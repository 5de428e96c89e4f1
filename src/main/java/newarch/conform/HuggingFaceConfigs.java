package newarch.conform;

import java.util.Set;
import newarch.data.wordpiece.BertTokenizerConfig;
import newarch.models.albert.AlbertConfig;
import newarch.models.bert.BertConfig;
import newarch.models.distilbert.DistilBertConfig;

/**
 * Hugging Face configurations (a fixture's {@code config}, or a model directory's {@code config.json} and
 * {@code tokenizer_config.json}) read into ours, under Hugging Face's names and with its defaults. Options the
 * reference has and our models lack are refused by name rather than ignored.
 */
public final class HuggingFaceConfigs {
    private HuggingFaceConfigs() {
    }

    /** BertConfig's names and defaults. */
    public static BertConfig bert(FixtureConfig c, String source) {
        EncoderInputs.requireValue(c, source, "position_embedding_type", "absolute",
                c.text("position_embedding_type", "absolute"));
        EncoderInputs.requireValue(c, source, "is_decoder", false, c.flag("is_decoder", false));
        EncoderInputs.requireValue(c, source, "add_cross_attention", false, c.flag("add_cross_attention", false));
        return new BertConfig(c.integer("vocab_size", 30522), c.integer("hidden_size", 768),
                c.integer("num_hidden_layers", 12), c.integer("num_attention_heads", 12),
                c.integer("intermediate_size", 3072), c.text("hidden_act", "gelu"),
                c.real("hidden_dropout_prob", 0.1), c.real("attention_probs_dropout_prob", 0.1),
                c.integer("max_position_embeddings", 512), c.integer("type_vocab_size", 2),
                c.real("initializer_range", 0.02), c.real("layer_norm_eps", 1e-12));
    }

    /** AlbertConfig's names and defaults (those of albert-xxlarge). */
    public static AlbertConfig albert(FixtureConfig c, String source) {
        EncoderInputs.requireValue(c, source, "position_embedding_type", "absolute",
                c.text("position_embedding_type", "absolute"));
        return new AlbertConfig(c.integer("vocab_size", 30000), c.integer("embedding_size", 128),
                c.integer("hidden_size", 4096), c.integer("num_hidden_layers", 12),
                c.integer("num_hidden_groups", 1), c.integer("num_attention_heads", 64),
                c.integer("intermediate_size", 16384), c.integer("inner_group_num", 1),
                c.text("hidden_act", "gelu_new"), c.real("hidden_dropout_prob", 0),
                c.real("attention_probs_dropout_prob", 0), c.integer("max_position_embeddings", 512),
                c.integer("type_vocab_size", 2), c.real("initializer_range", 0.02), c.real("layer_norm_eps", 1e-12));
    }

    /** DistilBertConfig's names and defaults. */
    public static DistilBertConfig distilBert(FixtureConfig c) {
        return new DistilBertConfig(c.integer("vocab_size", 30522), c.integer("max_position_embeddings", 512),
                c.flag("sinusoidal_pos_embds", false), c.integer("n_layers", 6), c.integer("n_heads", 12),
                c.integer("dim", 768), c.integer("hidden_dim", 4 * 768), c.real("dropout", 0.1),
                c.real("attention_dropout", 0.1), c.text("activation", "gelu"), c.real("initializer_range", 0.02));
    }

    /** BertTokenizer's constructor arguments and defaults; strip_accents may be null (follow do_lower_case). */
    public static BertTokenizerConfig tokenizer(FixtureConfig c) {
        Boolean strip = c.has("strip_accents") ? c.flag("strip_accents", false) : null;
        Set<String> neverSplit = c.has("never_split") ? Set.of(c.texts("never_split")) : Set.of();
        return new BertTokenizerConfig(c.flag("do_lower_case", true), strip, c.flag("tokenize_chinese_chars", true),
                neverSplit, c.text("unk_token", "[UNK]"), c.text("sep_token", "[SEP]"), c.text("pad_token", "[PAD]"),
                c.text("cls_token", "[CLS]"), c.text("mask_token", "[MASK]"),
                c.integer("max_input_chars_per_word", 100));
    }
}
