package io.pretext.core.data.image;

import io.pretext.api.data.Image;
import io.pretext.core.augment.Resize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Run in a JVM of its own with a small heap: indexes a folder, reads every image on 2 worker
 * threads at its own size and keeps only the fitted 32x32 result, as the batch workers do.
 * Prints "ok COUNT" and exits 0, or dies of OutOfMemoryError.
 */
public final class MemoryProbe {
  public static void main(String[] args) throws Exception {
    FolderIndex index = FolderIndex.build(Path.of(args[0]), false, null, false);
    ImageFileDataset ds = new ImageFileDataset(index, new ImageDecoder(3, ImageDecoder.DEFAULT_MAX_PIXELS), false);
    Resize fit = Resize.to(32, 32);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Image>> pending = new ArrayList<>();
      for (int i = 0; i < ds.size(); i++) {
        int k = i;
        pending.add(workers.submit(() -> fit.apply(ds.get(k), new SplittableRandom(k))));
      }
      List<Image> kept = new ArrayList<>();
      for (Future<Image> f : pending) {
        kept.add(f.get());
      }
      System.out.println("ok " + kept.size());
    } finally {
      workers.shutdown();
    }
  }
}
