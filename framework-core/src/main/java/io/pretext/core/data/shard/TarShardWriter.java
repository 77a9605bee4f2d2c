package io.pretext.core.data.shard;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.pretext.api.data.DataException;
import io.pretext.api.io.AtomicFiles;
import io.pretext.api.runtime.SeedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes WebDataset-style tar shards from an image folder: flat (unlabeled) or one subfolder per
 * class (sorted names give the class indices; each sample gets a {@code .cls} entry and the names go
 * to {@value TarShardIndex#CLASSES_FILE}). The images' bytes are stored as they are, as
 * {@code KEY.jpg} or {@code KEY.png}, in an order shuffled by the given seed so that a shard mixes
 * the classes; keys are the sample numbers. Each shard is written atomically.
 */
public final class TarShardWriter {
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /** What was written. */
  public record Result(Path folder, int images, int shards, List<String> classNames) {
    public Result {
      classNames = List.copyOf(classNames);
    }

    /** One line for the user. */
    public String summary() {
      return "wrote " + images + " images" + (classNames.isEmpty() ? " (unlabeled)" : " of " + classNames.size()
          + " classes") + " into " + shards + " shard(s) in " + folder;
    }
  }

  private record Source(Path file, int label) {}

  private final int shardSize;
  private final long seed;

  /**
   * @param shardSize images per shard, at least 1
   * @param seed the seed of the order the images are written in
   */
  public TarShardWriter(int shardSize, long seed) {
    if (shardSize < 1) {
      throw new IllegalArgumentException("shardSize must be >= 1, got " + shardSize);
    }
    this.shardSize = shardSize;
    this.seed = seed;
  }

  /**
   * Writes the shards of {@code images} into {@code out}.
   *
   * @throws DataException for an empty folder, a class folder without images, a folder mixing images
   *     and subfolders, or an output folder that already holds shards
   */
  public Result write(Path images, Path out) {
    List<String> classNames = new ArrayList<>();
    List<Source> sources = sources(images, classNames);
    checkOutput(out);
    shuffle(sources, new SeedSource(seed).generator("shard-order"));
    int width = Math.max(6, Integer.toString(sources.size() - 1).length());
    int shards = (sources.size() + shardSize - 1) / shardSize;
    try {
      Files.createDirectories(out);
      for (int s = 0; s < shards; s++) {
        int from = s * shardSize;
        List<Source> part = sources.subList(from, Math.min(sources.size(), from + shardSize));
        Path shard = out.resolve(String.format(Locale.ROOT, "shard-%06d.tar", s));
        AtomicFiles.write(shard, stream -> {
          TarArchiveOutputStream tar = new TarArchiveOutputStream(stream); // not closed: AtomicFiles syncs the file
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          for (int i = 0; i < part.size(); i++) {
            String key = String.format(Locale.ROOT, "%0" + width + "d", from + i);
            Source src = part.get(i);
            put(tar, key + "." + extension(src.file()), Files.readAllBytes(src.file()));
            if (src.label() >= 0) {
              put(tar, key + ".cls", Integer.toString(src.label()).getBytes(StandardCharsets.UTF_8));
            }
          }
          tar.finish();
          tar.flush();
        });
      }
      if (!classNames.isEmpty()) {
        JsonObject json = new JsonObject();
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        json.add("classes", names);
        AtomicFiles.writeString(out.resolve(TarShardIndex.CLASSES_FILE),
            new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
      }
    } catch (IOException e) {
      throw new DataException(out, "cannot write the shards: " + e.getMessage(), e);
    }
    return new Result(out, sources.size(), shards, classNames);
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setModTime(0L);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static String extension(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") ? "png" : "jpg";
  }

  private static List<Source> sources(Path images, List<String> classNames) {
    if (!Files.isDirectory(images)) {
      throw new DataException(images, "image folder not found (or not a folder); check the path");
    }
    List<Path> entries = list(images);
    List<Path> dirs = entries.stream().filter(Files::isDirectory).toList();
    List<Path> files = entries.stream().filter(TarShardWriter::isImage).toList();
    if (!dirs.isEmpty() && !files.isEmpty()) {
      throw new DataException(images, "the folder holds both images (" + files.get(0).getFileName() + ") and subfolders ("
          + dirs.get(0).getFileName() + "); give a flat folder of images or one subfolder per class");
    }
    List<Source> out = new ArrayList<>();
    if (dirs.isEmpty()) {
      files.forEach(f -> out.add(new Source(f, -1)));
    } else {
      for (Path dir : dirs) {
        List<Path> classFiles = list(dir).stream().filter(TarShardWriter::isImage).toList();
        if (classFiles.isEmpty()) {
          throw new DataException(dir, "class folder holds no images (" + String.join(", ", EXTENSIONS)
              + "); add images or remove the folder");
        }
        int label = classNames.size();
        classNames.add(dir.getFileName().toString());
        classFiles.forEach(f -> out.add(new Source(f, label)));
      }
    }
    if (out.isEmpty()) {
      throw new DataException(images, "no images (" + String.join(", ", EXTENSIONS) + ") found; check the path");
    }
    return out;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(n::endsWith);
  }

  private static void checkOutput(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new DataException(out, "the output is a file, not a folder; give a folder for the shards");
    }
    if (Files.isDirectory(out)) {
      boolean hasShards = list(out).stream().anyMatch(p -> p.getFileName().toString().endsWith(".tar")
          || p.getFileName().toString().equals(TarShardIndex.CLASSES_FILE));
      if (hasShards) {
        throw new DataException(out, "the output folder already holds shards; choose an empty folder or remove them");
      }
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(dir, "cannot list folder: " + e.getMessage(), e);
    }
  }

  private static void shuffle(List<Source> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Source t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
