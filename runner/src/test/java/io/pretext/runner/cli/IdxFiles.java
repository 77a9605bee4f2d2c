package io.pretext.runner.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Writes small IDX image and label files: bright squares at a position that depends on the class. */
final class IdxFiles {
  private IdxFiles() {}

  static void write(Path images, Path labels, int count, int side, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    ByteArrayOutputStream img = new ByteArrayOutputStream();
    ByteArrayOutputStream lab = new ByteArrayOutputStream();
    try (DataOutputStream i = new DataOutputStream(img); DataOutputStream l = new DataOutputStream(lab)) {
      i.writeInt(0x00000803);
      i.writeInt(count);
      i.writeInt(side);
      i.writeInt(side);
      l.writeInt(0x00000801);
      l.writeInt(count);
      for (int n = 0; n < count; n++) {
        int label = n % 2;
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            boolean on = label == 0 ? y < side / 2 && x < side / 2 : y >= side / 2 && x < side / 3;
            i.writeByte(on ? 200 + random.nextInt(55) : random.nextInt(30));
          }
        }
        l.writeByte(label);
      }
    }
    Files.write(images, img.toByteArray());
    Files.write(labels, lab.toByteArray());
  }
}
