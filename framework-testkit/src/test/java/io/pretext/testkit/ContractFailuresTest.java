package io.pretext.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.Encoder;
import io.pretext.api.spi.Head;
import io.pretext.api.spi.HostTensor;
import io.pretext.api.spi.PretextTask;
import io.pretext.api.spi.TrainingBatch;
import io.pretext.core.testplugin.RotationTask;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Each contract test fails, with a message that says what to fix, on a task that breaks its rule. */
class ContractFailuresTest {

  /** The contract over a task and an encoder, on 12 tiny images. */
  private static PretextTaskContract contract(PretextTask task, Encoder encoder) {
    return new PretextTaskContract() {
      @Override
      protected PretextTask task() {
        return task;
      }

      @Override
      protected Encoder encoder() {
        return encoder;
      }

      @Override
      protected Dataset<?> data() {
        return TinyData.images(12, 1, 8, 8, 3);
      }
    };
  }

  private static void assertFailsSaying(String expected, org.junit.jupiter.api.function.Executable test) {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, test);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  /** Rotation prediction with one change in prepareBatch or buildModel. */
  private static class Changed implements PretextTask {
    final RotationTask inner = new RotationTask();

    @Override
    public Class<?> sampleType() {
      return Image.class;
    }

    @Override
    public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
      return inner.buildModel(encoder, featureSize, head);
    }

    @Override
    public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
      return inner.prepareBatch(samples, augment, random);
    }

    @Override
    public Loss loss() {
      return inner.loss();
    }
  }

  @Test
  void aTaskThatCountsItsCallsIsNotDeterministic() {
    PretextTask counting = new Changed() {
      private int calls;

      @Override
      public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
        TrainingBatch batch = super.prepareBatch(samples, augment, random);
        HostTensor x = batch.inputs().get(0);
        x.floats()[0] += calls++;
        return batch;
      }
    };
    assertFailsSaying("keep no state between calls", () -> contract(counting, TinyEncoders.mlp(8, 4)).aSeededBatchIsTheSameEveryTime());
  }

  @Test
  void aTaskThatReordersItsSamplesListFails() {
    PretextTask reversing = new Changed() {
      @Override
      public TrainingBatch prepareBatch(List<?> samples, AugmentPipeline augment, RandomGenerator random) {
        Collections.reverse(samples);
        return super.prepareBatch(samples, augment, random);
      }
    };
    assertFailsSaying("replaced or moved sample 0", () -> contract(reversing, TinyEncoders.mlp(8, 4)).aSeededBatchIsTheSameEveryTime());
  }

  @Test
  void aModelWithoutTheEncoderTrainsNoEncoderParameter() {
    PretextTask headOnly = new Changed() {
      @Override
      public Block buildModel(Block encoder, long featureSize, Optional<Head> head) {
        return new SequentialBlock().add(new io.pretext.api.nn.layers.Flatten()).add(Linear.builder().setUnits(4).build());
      }
    };
    assertFailsSaying("is the encoder part of buildModel's block?",
        () -> contract(headOnly, TinyEncoders.mlp(8, 4)).theLossIsFiniteAndTrainsEveryEncoderParameter());
  }

  @Test
  void anEncoderWithALambdaCannotBeExported() {
    Encoder lambda = new Encoder() {
      @Override
      public Block build(Shape inputShape) {
        return new SequentialBlock().add(TinyEncoders.mlp(8, 4).build(inputShape)).add(LambdaBlock.singleton(x -> x.neg()));
      }

      @Override
      public long featureSize(Shape inputShape) {
        return 4;
      }
    };
    assertFailsSaying("no ONNX writer for these blocks of the encoder: [02LambdaBlock (ai.djl.nn.LambdaBlock)]",
        () -> contract(new RotationTask(), lambda).theEncoderCanBeExportedToOnnx());
  }
}
