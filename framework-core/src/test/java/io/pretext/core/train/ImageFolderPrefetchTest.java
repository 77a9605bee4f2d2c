package io.pretext.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pretext.api.runtime.SeedSource;
import io.pretext.api.spi.AugmentPipeline;
import io.pretext.core.augment.Resize;
import io.pretext.core.data.image.FolderIndex;
import io.pretext.core.data.image.ImageDecoder;
import io.pretext.core.data.image.ImageFileDataset;
import io.pretext.core.data.image.ImageFixtures;
import io.pretext.core.testplugin.RotationTask;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files decoded on the batch workers: every image once per epoch, the same batches for any worker count. */
class ImageFolderPrefetchTest {
  private static final int FILES = 10;
  @TempDir Path dir;

  /** A folder of solid gray PNGs of different sizes; file i has gray level 20 (i + 1). */
  private ImageFileDataset folder() throws Exception {
    for (int i = 0; i < FILES; i++) {
      BufferedImage img = new BufferedImage(3 + i % 5, 4 + i % 3, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          img.getRaster().setSample(x, y, 0, 20 * (i + 1));
        }
      }
      ImageFixtures.write(dir.resolve(String.format("f%02d.png", i)), ImageFixtures.png(img));
    }
    return new ImageFileDataset(FolderIndex.build(dir, false, null, false), new ImageDecoder(1, 1000), false);
  }

  private static List<float[]> epochs(ImageFileDataset data, int workers) {
    AugmentPipeline fit = new AugmentPipeline(List.of(new AugmentPipeline.Step("fit", Resize.to(4, 4), 1.0)));
    List<float[]> out = new ArrayList<>();
    try (BatchPrefetcher p = new BatchPrefetcher(data, new RotationTask(), fit, new SeedSource(3), 4, false, workers, 2)) {
      for (int e = 1; e <= 2; e++) {
        try (BatchPrefetcher.Epoch epoch = p.epoch(e)) {
          while (epoch.hasNext()) {
            out.add(epoch.next().batch().inputs().get(0).floats());
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyFileOncePerEpochAndTheSameBatchesForAnyWorkerCount() throws Exception {
    ImageFileDataset data = folder();
    List<float[]> one = epochs(data, 1);
    List<float[]> three = epochs(data, 3);
    assertEquals(6, one.size(), "3 batches (4, 4, 2) in each of 2 epochs");
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), three.get(i), "batch " + i);
    }
    for (int epoch = 0; epoch < 2; epoch++) {
      Map<Integer, Integer> seen = new TreeMap<>();
      for (float[] batch : one.subList(3 * epoch, 3 * epoch + 3)) {
        for (int block = 0; block < batch.length / 16; block++) { // one 4x4 view: a rotation of one sample
          seen.merge(Math.round(batch[block * 16] * 255 / 20), 1, Integer::sum);
        }
      }
      Map<Integer, Integer> expected = new TreeMap<>();
      for (int i = 1; i <= FILES; i++) {
        expected.put(i, 4); // four rotations of each file
      }
      assertEquals(expected, seen, "epoch " + (epoch + 1));
    }
  }
}
