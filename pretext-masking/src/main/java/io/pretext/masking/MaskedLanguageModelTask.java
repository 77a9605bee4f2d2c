package io.pretext.masking;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.evaluator.TopKAccuracy;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Dataset;
import io.pretext.api.nn.layers.TransformerEncoder;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.MaskedTokenPredictor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.api.spi.TransferInput;
import io.pretext.api.text.SpecialTokens;
import io.pretext.api.text.TokenBatcher;
import io.pretext.api.text.Tokenizer;
import io.pretext.api.text.TokenizerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masked language modelling (Devlin et al. 2019, "BERT"): hide some tokens of a sentence and
 * predict them from the rest ("I [MASK] an instructor." → "am").
 *
 * <p>{@link #prepare} learns a WordPiece {@link Tokenizer} from the pretraining texts and saves it
 * in {@code RUN_DIR/tokenizer/}. Batch: each text goes through the run's augment pipeline (text
 * augmenters, if any), is encoded, masked by {@link TokenMasking} (a batch with no selected token
 * gets its first ordinary token selected, so that every step has a target) and padded. Inputs:
 * ids (N, T) and the flat positions (M,) of the selected tokens; labels: their original ids (M,).
 * Model: {@link MaskedLanguageModel}, the encoder's token states at those positions through the
 * {@link TokenHead} (tied to the token table or not) or the run's head plugin. Loss:
 * {@link MaskedTokenLoss}. Metrics: {@value #ACCURACY} and {@value #TOP5} over the selected tokens.
 */
public final class MaskedLanguageModelTask implements PretextTask {
  /** The training metric: share of selected tokens whose top prediction is right. */
  public static final String ACCURACY = "masked_accuracy";
  /** The training metric: share of selected tokens among the top 5 predictions. */
  public static final String TOP5 = "masked_top5";
  /** The tokenizer's folder in the run directory. */
  public static final String TOKENIZER_DIR = "tokenizer";
  private static final Logger LOG = LoggerFactory.getLogger(MaskedLanguageModelTask.class);

  private final TokenizerSettings tokenizerSettings;
  private final double maskProbability;
  private final double maskShare;
  private final double randomShare;
  private final boolean tieWeights;
  private final Tokenizer tokenizer;
  private final TokenMasking masking;

  /**
   * @param tokenizerSettings how the tokenizer is learned
   * @param maskProbability the share of tokens selected
   * @param maskShare the share of selected tokens replaced by [MASK]
   * @param randomShare the share of selected tokens replaced by a random token
   * @param tieWeights whether the default head shares the token table
   * @param tokenizer the learned tokenizer, or null before {@link #prepare}
   */
  public MaskedLanguageModelTask(TokenizerSettings tokenizerSettings, double maskProbability, double maskShare,
      double randomShare, boolean tieWeights, Tokenizer tokenizer) {
    this.tokenizerSettings = tokenizerSettings;
    this.maskProbability = maskProbability;
    this.maskShare = maskShare;
    this.randomShare = randomShare;
    this.tieWeights = tieWeights;
    this.tokenizer = tokenizer;
    this.masking = tokenizer == null ? null // validated when the tokenizer arrives
        : new TokenMasking(maskProbability, maskShare, randomShare, tokenizer.vocabularySize());
  }

  /** This task with the given tokenizer (e.g. loaded from a run directory). */
  public MaskedLanguageModelTask withTokenizer(Tokenizer learned) {
    return new MaskedLanguageModelTask(tokenizerSettings, maskProbability, maskShare, randomShare, tieWeights, learned);
  }

  /** The tokenizer; throws before {@link #prepare}. */
  public Tokenizer tokenizer() {
    if (tokenizer == null) {
      throw new IllegalStateException("the mlm task has no tokenizer yet: call prepare(...) with the pretraining data,"
          + " or restore(RUN_DIR)");
    }
    return tokenizer;
  }

  /** The masking applied to every training sequence. */
  public TokenMasking masking() {
    tokenizer(); // throws before prepare
    return masking;
  }

  @Override
  public Class<?> sampleType() {
    return String.class;
  }

  /** (max length,): sequences are padded per batch to their longest, at most this. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    return new Shape(tokenizerSettings.maxLength());
  }

  /** Learns the tokenizer from the texts and saves it in {@code runDirectory/tokenizer}. */
  @Override
  public MaskedLanguageModelTask prepare(Dataset<?> unlabeled, Path runDirectory) {
    long start = System.nanoTime();
    Tokenizer learned = Tokenizer.train(texts(unlabeled), tokenizerSettings);
    learned.save(runDirectory.resolve(TOKENIZER_DIR));
    LOG.info("tokenizer: {} WordPiece tokens learned from {} texts in {} s, saved in {}", learned.vocabularySize(),
        unlabeled.size(), String.format("%.1f", (System.nanoTime() - start) / 1e9), runDirectory.resolve(TOKENIZER_DIR));
    return withTokenizer(learned);
  }

  /**
   * Takes the earlier run's tokenizer (its token ids are what the weights were trained on) and
   * saves a copy in {@code runDirectory/tokenizer}; new words of the new texts are split into the
   * known pieces.
   */
  @Override
  public MaskedLanguageModelTask prepareContinuing(Path earlierRun, Dataset<?> unlabeled, Path runDirectory) {
    Path earlier = earlierRun.resolve(TOKENIZER_DIR);
    if (!Files.isDirectory(earlier)) {
      throw new PretextUserException("train.init-from: " + earlierRun + " has no " + TOKENIZER_DIR
          + "/ folder, so it is not a finished mlm run. Give the directory of an mlm run.");
    }
    Tokenizer kept = Tokenizer.load(earlier);
    kept.save(runDirectory.resolve(TOKENIZER_DIR));
    LOG.info("tokenizer: {} WordPiece tokens taken over from {}", kept.vocabularySize(), earlier);
    return withTokenizer(kept);
  }

  /** The number of tokens of a sentence after encoding ([CLS] and [SEP] included, cut to the max length). */
  @Override
  public Optional<ToIntFunction<Object>> sampleLength() {
    Tokenizer t = tokenizer();
    return Optional.of(sample -> t.encode((String) sample).length);
  }

  @Override
  public Optional<TransferInput> transferInput(Path runDirectory) {
    Tokenizer saved = tokenizer != null ? tokenizer : Tokenizer.load(runDirectory.resolve(TOKENIZER_DIR));
    return Optional.of(new TransferInput(new Shape(saved.maxLength()), new TokenBatcher(saved)));
  }

  /** This task with the tokenizer saved in {@code runDirectory/tokenizer}. */
  @Override
  public MaskedLanguageModelTask restore(Path runDirectory) {
    return withTokenizer(Tokenizer.load(runDirectory.resolve(TOKENIZER_DIR)));
  }

  /** {@code runDirectory/tokenizer}, which {@link #prepare} wrote. */
  @Override
  public Optional<Path> tokenizerDirectory(Path runDirectory) {
    return Optional.of(runDirectory.resolve(TOKENIZER_DIR));
  }

  /** Fill-mask and held-out masked-token accuracy with the run's tokenizer. */
  @Override
  public Optional<MaskedTokenPredictor> maskedTokens(Path runDirectory) {
    Tokenizer saved = tokenizer != null ? tokenizer : Tokenizer.load(runDirectory.resolve(TOKENIZER_DIR));
    return Optional.of(new MaskedTokenPredictions(saved));
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    if (!(encoder instanceof TransformerEncoder text)) {
      throw new PretextUserException("The mlm task needs a text encoder that gives token states, such as "
          + "'transformer'; the run's encoder builds a " + encoder.getClass().getSimpleName() + ". Set encoder.name: transformer.");
    }
    int vocabulary = tokenizer().vocabularySize();
    if (vocabulary > text.getTokens().getVocabularySize()) {
      throw new PretextUserException("The tokenizer has " + vocabulary + " tokens but the encoder's token table has "
          + text.getTokens().getVocabularySize() + " rows. Set encoder.vocabulary-size to at least " + vocabulary
          + " (or lower task.vocabulary-size).");
    }
    int rows = text.getTokens().getVocabularySize();
    Block tokenHead = head.map(h -> h.build(featureSize, rows))
        .orElseGet(() -> tieWeights ? TokenHead.tied(text.getTokens()) : TokenHead.untied(rows));
    return new MaskedLanguageModel(encoder, tokenHead);
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("mlm needs at least one sample per batch");
    }
    TokenMasking masking = masking();
    List<TokenSequence> masked = new ArrayList<>(samples.size());
    for (Object sample : samples) {
      String text = (String) augment.apply(sample, random);
      masked.add(masking.apply(TokenSequence.unmasked(tokenizer.encode(text)), random));
    }
    ensureOneTarget(masked);
    return batchOf(masked);
  }

  /** Ids (N, T) padded, the flat positions of the targets (M,); labels the targets (M,). */
  static TrainingBatch batchOf(List<TokenSequence> sequences) {
    MaskedPositions chosen = MaskedPositions.selected(sequences);
    int[] targets = new int[chosen.count()];
    for (int k = 0; k < targets.length; k++) {
      targets[k] = sequences.get(chosen.rows()[k]).targets()[chosen.column(k)];
    }
    return new TrainingBatch(List.of(chosen.ids(), chosen.positions()),
        List.of(HostTensor.ofInts(targets, targets.length)), sequences.size());
  }

  private static void ensureOneTarget(List<TokenSequence> masked) {
    if (masked.stream().anyMatch(s -> s.selected() > 0)) {
      return;
    }
    for (int n = 0; n < masked.size(); n++) {
      TokenSequence s = masked.get(n);
      for (int i = 0; i < s.ids().length; i++) {
        if (!SpecialTokens.isSpecial(s.ids()[i])) {
          int[] ids = s.ids().clone();
          int[] targets = s.targets().clone();
          targets[i] = ids[i];
          ids[i] = SpecialTokens.MASK;
          masked.set(n, new TokenSequence(ids, targets));
          return;
        }
      }
    }
    throw new PretextUserException("A batch of " + masked.size() + " texts has no ordinary token to mask (only special "
        + "or unknown tokens); check that the data holds text.");
  }

  @Override
  public Loss loss() {
    return new MaskedTokenLoss();
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy(ACCURACY, 1), new TopKAccuracy(TOP5, 5));
  }

  /** The samples of a text data set as strings; a sample that is not text is a user error. */
  public static List<String> texts(Dataset<?> data) {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        Object sample = data.get(index);
        if (!(sample instanceof String text)) {
          throw new PretextUserException("mlm trains on text, but sample " + index + " is a "
              + sample.getClass().getSimpleName());
        }
        return text;
      }

      @Override
      public int size() {
        return data.size();
      }
    };
  }
}
