package io.pretext.context;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import io.pretext.api.PretextUserException;
import io.pretext.api.data.Image;
import io.pretext.api.loss.ClassificationLoss;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Jigsaw puzzles (Noroozi and Favaro 2016, "Unsupervised Learning of Visual Representations by
 * Solving Jigsaw Puzzles"): an image is cut into g×g tiles ({@link TileGrid}), the tiles are
 * shuffled by one of P orderings ({@link JigsawPermutations}) and the network tells which; to
 * put the pieces back it must recognise what each piece shows and how objects are composed.
 *
 * <p>Batch: each of the N images goes through the run's augment pipeline and is upscaled
 * (bilinear, integer factor); the grid is laid at a random place, each tile jittered in its cell;
 * with {@code normalizeTiles} each tile is brought to mean 0 and standard deviation 1 on its own
 * (the paper's guard against low-level shortcuts). Draws per image: the grid's row and column, the
 * label, then each cell's jitter (row, column) in cell order. Inputs (T·N, C, t, t), view-major:
 * row {@code j·N + i} is cell {@code order(label_i)[j]} of image i; labels (N). Model: {@link
 * SharedEncoderModel} over the T tiles, the head by default Linear(T·F, hidden) → ReLU →
 * Linear(hidden, P). Loss: {@link ClassificationLoss}. Training metric: {@value #ACCURACY}, chance 1/P.
 */
public final class JigsawTask implements PretextTask {
  /** The name of the training metric. */
  public static final String ACCURACY = "pretext_accuracy";

  private final TileGrid grid;
  private final JigsawPermutations permutations;
  private final int upscale;
  private final boolean normalizeTiles;
  private final long hidden;

  /**
   * @param grid tiles, gap and jitter
   * @param permutations the P orderings, over {@code grid.tiles()} tiles
   * @param upscale integer factor images are enlarged by before cutting, >= 1
   * @param normalizeTiles whether each tile is standardized on its own
   * @param hidden the default head's hidden width; 0 for a linear head
   */
  public JigsawTask(TileGrid grid, JigsawPermutations permutations, int upscale, boolean normalizeTiles, long hidden) {
    if (permutations.order(0).length != grid.tiles() || upscale < 1 || hidden < 0) {
      throw new IllegalArgumentException("jigsaw needs orderings of the grid's " + grid.tiles() + " tiles (got "
          + permutations.order(0).length + "), upscale >= 1 (got " + upscale + ") and hidden >= 0 (got " + hidden
          + ")");
    }
    this.grid = grid;
    this.permutations = permutations;
    this.upscale = upscale;
    this.normalizeTiles = normalizeTiles;
    this.hidden = hidden;
  }

  public TileGrid grid() {
    return grid;
  }

  public JigsawPermutations permutations() {
    return permutations;
  }

  @Override
  public Class<?> sampleType() {
    return Image.class;
  }

  /** (C, tile, tile); checks first that the grid fits the (augmented, upscaled) sample. */
  @Override
  public Shape encoderInputShape(Shape sampleShape) {
    grid.checkFits(sampleShape.get(1) * upscale, sampleShape.get(2) * upscale);
    return new Shape(sampleShape.get(0), grid.tile(), grid.tile());
  }

  @Override
  public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
    Block classifier = ClassifierHeads.of(head, grid.tiles() * featureSize, permutations.count(), hidden);
    return new SharedEncoderModel(encoder, "puzzleHead", classifier, grid.tiles());
  }

  @Override
  public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
    int n = samples.size();
    if (n == 0) {
      throw new IllegalArgumentException("jigsaw needs at least one sample per batch");
    }
    int[] labels = new int[n];
    float[] values = null;
    int channels = 0;
    for (int i = 0; i < n; i++) {
      Image image = Bilinear.upscale(augment.apply((Image) samples.get(i), random), upscale);
      grid.checkFits(image.height(), image.width());
      if (values == null) {
        channels = image.channels();
        values = new float[n * grid.tiles() * channels * grid.tile() * grid.tile()];
      } else if (image.channels() != channels) {
        throw new PretextUserException("jigsaw stacks the tiles of a batch into one tensor, but sample " + i + " has "
            + image.channels() + " channels after augmentation while sample 0 has " + channels
            + "; give all images one channel count");
      }
      labels[i] = cut(image, random, values, i, n);
    }
    int t = grid.tile();
    return new TrainingBatch(List.of(HostTensor.ofFloats(values, (long) grid.tiles() * n, channels, t, t)),
        List.of(HostTensor.ofInts(labels, n)), n);
  }

  /** Cuts image {@code i}'s tiles into rows {@code j·n + i} of {@code values} in a drawn order; returns its label. */
  private int cut(Image image, RandomGenerator random, float[] values, int i, int n) {
    int top = grid.jitter() + random.nextInt(image.height() - grid.side() + 1);
    int left = grid.jitter() + random.nextInt(image.width() - grid.side() + 1);
    int label = random.nextInt(permutations.count());
    Image[] cells = new Image[grid.tiles()];
    for (int k = 0; k < cells.length; k++) {
      int y = top + k / grid.grid() * grid.stride() + ImageCrops.jitter(random, grid.jitter());
      int x = left + k % grid.grid() * grid.stride() + ImageCrops.jitter(random, grid.jitter());
      cells[k] = ImageCrops.square(image, y, x, grid.tile());
    }
    int[] order = permutations.order(label);
    for (int j = 0; j < order.length; j++) {
      float[] tile = cells[order[j]].pixels();
      System.arraycopy(normalizeTiles ? standardized(tile) : tile, 0, values, (j * n + i) * tile.length, tile.length);
    }
    return label;
  }

  /** (x − mean) / std over the tile; a flat tile becomes all 0. */
  private static float[] standardized(float[] tile) {
    double mean = 0;
    double squares = 0;
    for (float v : tile) {
      mean += v / (double) tile.length;
      squares += v * (double) v / tile.length;
    }
    double std = Math.sqrt(Math.max(0, squares - mean * mean));
    float[] out = new float[tile.length];
    for (int p = 0; std >= 1e-6 && p < tile.length; p++) {
      out[p] = (float) ((tile[p] - mean) / std);
    }
    return out;
  }

  @Override
  public Loss loss() {
    return new ClassificationLoss("PermutationLoss");
  }

  @Override
  public List<Evaluator> trainingMetrics() {
    return List.of(new Accuracy(ACCURACY, 1));
  }
}
