package newarch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import newarch.models.albert.AlbertConfig;
import newarch.models.albert.AlbertModel;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertModel;
import newarch.models.distilbert.DistilBertConfig;
import newarch.models.distilbert.DistilBertModel;
import newarch.models.gpt.GptConfig;
import newarch.models.gpt.GptModel;
import newarch.models.transformer.Transformer;
import newarch.models.transformer.TransformerConfig;
import newarch.nn.Module;
import newarch.tensor.Rng;

/**
 * {@code params --model NAME}: builds a named configuration and prints its exact parameter count, so that
 * the figures quoted in the notebooks come from the real model, not from arithmetic by hand.
 */
final class ParamsCommand implements Command {
    /** Named configurations; each family adds its own here. */
    private static final Map<String, Supplier<Module>> MODELS = new LinkedHashMap<>();

    static {
        // torch.nn.Transformer(d_model=512, nhead=8, 6+6 layers, d_ff=2048): the encoder–decoder core of
        // Transformer-base without its (vocabulary-dependent) embeddings and generator.
        MODELS.put("transformer-base", () -> new Transformer(TransformerConfig.base(), new Rng(0)));
        // Hugging Face GPT2Model "gpt2" (small): embeddings, 12 blocks and ln_f; the LM head is tied to wte.
        MODELS.put("gpt2", () -> new GptModel(GptConfig.small(), new Rng(0)));
        // Hugging Face BertModel "bert-base-uncased", pooler included; AlbertModel v2 configurations with their
        // pooler; DistilBertModel "distilbert-base-uncased" (no pooler, no segment embeddings).
        MODELS.put("bert-base", () -> new BertModel(BertConfig.base(), new Rng(0)));
        MODELS.put("albert-base", () -> new AlbertModel(AlbertConfig.base(), new Rng(0)));
        MODELS.put("albert-large", () -> new AlbertModel(AlbertConfig.large(), new Rng(0)));
        MODELS.put("albert-xlarge", () -> new AlbertModel(AlbertConfig.xlarge(), new Rng(0)));
        MODELS.put("albert-xxlarge", () -> new AlbertModel(AlbertConfig.xxlarge(), new Rng(0)));
        MODELS.put("distilbert-base", () -> new DistilBertModel(DistilBertConfig.base(), new Rng(0)));
    }

    @Override
    public String name() {
        return "params";
    }

    @Override
    public String usage() {
        return "params --model NAME   (NAME: " + String.join(", ", MODELS.keySet()) + ")";
    }

    @Override
    public String summary() {
        return "print the exact parameter count of a named model configuration";
    }

    @Override
    public int run(String[] args) {
        if (args.length != 2 || !args[0].equals("--model")) {
            throw new UsageException("expected --model NAME, one of: " + String.join(", ", MODELS.keySet()));
        }
        Supplier<Module> factory = MODELS.get(args[1]);
        if (factory == null) {
            throw new UsageException("unknown model '" + args[1] + "'; known: " + String.join(", ", MODELS.keySet()));
        }
        System.out.println(factory.get().parameterCount());
        return 0;
    }
}
