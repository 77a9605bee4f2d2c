package io.pretext.core.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pretext.api.data.Image;
import io.pretext.api.data.ImageSize;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.api.spi.AugmentPipeline.Step;
import io.pretext.api.spi.Augmenter;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The size a pipeline of real augmenters gives, as the run's checks work it out before any image is read. */
class PipelineOutputSizeTest {
  private static final Optional<ImageSize> SIZE_28 = Optional.of(new ImageSize(28, 28));

  /** An augmenter that does not declare its output size. */
  private static final Augmenter<Image> UNDECLARED = new Augmenter<>() {
    @Override
    public Class<Image> sampleType() {
      return Image.class;
    }

    @Override
    public Image apply(Image sample, RandomGenerator random) {
      return sample;
    }
  };

  private static AugmentPipeline pipeline(Step... steps) {
    return new AugmentPipeline(List.of(steps));
  }

  private static Step always(Augmenter<?> a) {
    return new Step("step", a, 1.0);
  }

  @Test
  void sizeKeepingStepsPassTheDataSizeThroughAndACropSetsItsOwn() {
    AugmentPipeline flipAndCrop = pipeline(always(new HorizontalFlip()),
        always(new RandomResizedCrop(20, 18, 0.2, 1, 0.75, 4.0 / 3)), always(new Solarize(0.5)));
    assertEquals(Optional.of(new ImageSize(20, 18)), flipAndCrop.outputSize(SIZE_28));
    assertEquals(SIZE_28, pipeline(always(new HorizontalFlip()), always(new GaussianBlur(3, 0.1, 2))).outputSize(SIZE_28));
    assertEquals(SIZE_28, AugmentPipeline.identity().outputSize(SIZE_28));
    assertEquals(Optional.empty(), AugmentPipeline.identity().outputSize(Optional.empty()));
  }

  @Test
  void aStepThatMayOrMayNotChangeTheSizeLeavesItUnknownUntilAFixedSizeStep() {
    Step maybeCrop = new Step("crop", new RandomResizedCrop(20, 20, 0.2, 1, 0.75, 4.0 / 3), 0.5);
    assertEquals(Optional.empty(), pipeline(maybeCrop).outputSize(SIZE_28));
    assertEquals(Optional.of(new ImageSize(24, 24)), pipeline(maybeCrop, always(Resize.to(24, 24))).outputSize(SIZE_28));
    Step maybeFlip = new Step("flip", new HorizontalFlip(), 0.5);
    assertEquals(SIZE_28, pipeline(maybeFlip).outputSize(SIZE_28), "a flip keeps the size either way");
  }

  @Test
  void anUndeclaredStepLeavesTheSizeUnknown() {
    assertEquals(Optional.empty(), pipeline(always(UNDECLARED), always(new HorizontalFlip())).outputSize(SIZE_28));
    assertEquals(Optional.of(new ImageSize(32, 32)), pipeline(always(UNDECLARED), always(Resize.to(32, 32)))
        .outputSize(SIZE_28), "an image-folder's fit step decides whatever came before");
  }
}
