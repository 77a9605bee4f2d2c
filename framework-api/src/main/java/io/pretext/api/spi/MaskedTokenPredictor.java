package io.pretext.api.spi;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.pretext.api.data.Dataset;
import java.util.List;

/**
 * What the trained model of a masked-token task can answer by itself, beside transfer: the most
 * probable tokens for every {@code [MASK]} of a sentence ({@code pretext fill-mask}), and its
 * masked-token accuracy on held-out texts beside count baselines ({@code pretext mlm-eval}).
 *
 * <p>A task provides one through {@link PretextTask#maskedTokens}; the runner does the rest: it
 * rebuilds the run's task, encoder and head from the run's config, builds the model with {@link
 * PretextTask#restore the restored task}'s {@link PretextTask#buildModel}, loads the run's newest
 * checkpoint into it and hands that model to these methods. Any text task whose model maps token
 * ids and positions to token logits (BERT-style masked tokens, span masking, an ELECTRA generator)
 * can provide the same.
 */
public interface MaskedTokenPredictor {

  /**
   * The k most probable ordinary tokens (special tokens excluded) for every {@code [MASK]} of
   * every sentence, in sentence order, then mask order.
   *
   * @param model the run's trained model, as described above
   * @throws io.pretext.api.PretextUserException naming a sentence without {@code [MASK]}
   */
  List<MaskFill> fill(Block model, List<String> sentences, int k, NDManager manager);

  /**
   * Masks a share of the held-out texts' tokens (every selected token becomes {@code [MASK]},
   * positions drawn from the seed) and scores the model's top-1 and top-5 predictions there,
   * beside unigram and bigram baselines fitted on the training texts, on the same positions.
   *
   * @param model the run's trained model, as described above
   * @param training the run's pretraining texts, for the baselines
   * @param heldOut the run's held-out texts
   * @param maskProbability the share of ordinary tokens masked, in (0, 1]
   * @param seed seeds the choice of positions
   */
  MaskedTokenScores evaluate(Block model, Dataset<?> training, Dataset<?> heldOut, double maskProbability, long seed,
      NDManager manager);

  /**
   * The predictions for one {@code [MASK]}.
   *
   * @param sentence the sentence as given
   * @param maskIndex which {@code [MASK]} of the sentence, from 0
   * @param candidates the top k, most probable first
   */
  record MaskFill(String sentence, int maskIndex, List<Candidate> candidates) {
    /** Copies the candidates. */
    public MaskFill {
      candidates = List.copyOf(candidates);
    }
  }

  /** One candidate token for a masked position, with its probability. */
  record Candidate(String token, double probability) {}

  /**
   * The result of {@link #evaluate}.
   *
   * @param positions how many masked positions were scored
   * @param texts how many held-out texts they came from
   * @param scores the model first, then the baselines
   */
  record MaskedTokenScores(int positions, int texts, List<Score> scores) {
    /** Copies the scores. */
    public MaskedTokenScores {
      scores = List.copyOf(scores);
    }
  }

  /** Top-1 and top-5 accuracy of one predictor ({@code model}, {@code bigram baseline}, ...), as shares. */
  record Score(String method, double top1, double top5) {}
}
