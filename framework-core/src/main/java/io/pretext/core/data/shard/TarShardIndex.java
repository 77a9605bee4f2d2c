package io.pretext.core.data.shard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The samples of a set of WebDataset-style tar shards, found by reading the tar headers (Apache
 * Commons Compress) and the small {@code .cls} entries; image bytes are not read.
 *
 * <p>The layout WebDataset uses: an entry's key is its path up to the first dot of its file name
 * and the rest is its extension; the entries of one key are adjacent and make one sample. A sample
 * here has one image (an extension ending in {@code jpg}, {@code jpeg} or {@code png}) and an optional {@code cls} entry
 * holding its integer label; other extensions are ignored. Either every sample has a label or none
 * has. Class names come from {@value #CLASSES_FILE} beside the shards (written by {@code pretext data
 * shard}) when it is there, else they are the label numbers {@code 0..max}.
 */
public final class TarShardIndex {
  /** The file beside the shards that names the classes: {@code {"classes": ["cat", "dog"]}}. */
  public static final String CLASSES_FILE = "classes.json";
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png");
  private static final int MAX_LABEL_BYTES = 64;

  private final List<Path> shards;
  private final List<ShardSample> samples;
  private final int[] shardStarts;
  private final boolean labeled;
  private final List<String> classNames;

  private TarShardIndex(List<Path> shards, List<ShardSample> samples, int[] shardStarts, boolean labeled,
      List<String> classNames) {
    this.shards = List.copyOf(shards);
    this.samples = List.copyOf(samples);
    this.shardStarts = shardStarts;
    this.labeled = labeled;
    this.classNames = List.copyOf(classNames);
  }

  /**
   * Indexes a folder of {@code *.tar} shards (sorted by name) or one tar file.
   *
   * @throws DataException when there are no shards, a shard is truncated or not a tar file, a label
   *     is not an integer, a key's entries are not adjacent or a key has no image
   */
  public static TarShardIndex scan(Path path) {
    return scan(path, null);
  }

  /** As {@link #scan(Path)} with given class names (a test split takes the training split's); null: find them. */
  public static TarShardIndex scan(Path path, List<String> givenClassNames) {
    List<Path> shards = shardFiles(path);
    List<ShardSample> samples = new ArrayList<>();
    int[] starts = new int[shards.size() + 1];
    for (int s = 0; s < shards.size(); s++) {
      starts[s] = samples.size();
      samples.addAll(new ShardScan(s, shards.get(s)).samples());
    }
    starts[shards.size()] = samples.size();
    if (samples.isEmpty()) {
      throw new DataException(path, "the " + shards.size() + " tar shard(s) hold no images (.jpg/.jpeg/.png entries);"
          + " write shards with 'pretext data shard IMAGES --out FOLDER'");
    }
    long withLabel = samples.stream().filter(x -> x.label() >= 0).count();
    if (withLabel != 0 && withLabel != samples.size()) {
      ShardSample missing = samples.stream().filter(x -> x.label() < 0).findFirst().orElseThrow();
      ShardSample having = samples.stream().filter(x -> x.label() >= 0).findFirst().orElseThrow();
      throw new DataException(shards.get(missing.shard()), "sample '" + missing.key() + "' has no .cls label, but '"
          + having.key() + "' in " + shards.get(having.shard()).getFileName() + " has one; give every sample a label"
          + " or none");
    }
    boolean labeled = withLabel > 0;
    List<String> names = List.of();
    if (labeled) {
      names = givenClassNames != null ? givenClassNames : classNames(path, samples);
      for (ShardSample x : samples) {
        if (x.label() >= names.size()) {
          throw new DataException(shards.get(x.shard()), "sample '" + x.key() + "' has label " + x.label()
              + ", but there are " + names.size() + " classes " + names + "; fix the label or " + CLASSES_FILE);
        }
      }
    }
    return new TarShardIndex(shards, samples, starts, labeled, names);
  }

  public List<Path> shards() {
    return shards;
  }

  public int size() {
    return samples.size();
  }

  public ShardSample sample(int index) {
    return samples.get(index);
  }

  /** The indices of shard {@code s}'s samples, in file order. */
  public IntStream samplesOf(int shard) {
    return IntStream.range(shardStarts[shard], shardStarts[shard + 1]);
  }

  public boolean labeled() {
    return labeled;
  }

  public List<String> classNames() {
    return classNames;
  }

  private static List<Path> shardFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new DataException(path, "shard folder not found (or not a folder or tar file); check the path");
    }
    try (Stream<Path> s = Files.list(path)) {
      List<Path> shards = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar"))
          .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
      if (shards.isEmpty()) {
        throw new DataException(path, "no tar shards (*.tar) in this folder; write some with"
            + " 'pretext data shard IMAGES --out " + path + " --shard-size N' or check data.path");
      }
      return shards;
    } catch (IOException e) {
      throw new DataException(path, "cannot list folder: " + e.getMessage(), e);
    }
  }

  private static List<String> classNames(Path path, List<ShardSample> samples) {
    Path file = (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent()).resolve(CLASSES_FILE);
    if (!Files.isRegularFile(file)) {
      int max = samples.stream().mapToInt(ShardSample::label).max().orElse(0);
      return IntStream.rangeClosed(0, max).mapToObj(Integer::toString).toList();
    }
    try {
      JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      JsonElement classes = root.isJsonObject() ? ((JsonObject) root).get("classes") : null;
      if (classes == null || !classes.isJsonArray()) {
        throw new CorruptDataException(file, "expected {\"classes\": [\"name\", ...]}; fix or remove the file");
      }
      List<String> names = new ArrayList<>();
      for (JsonElement e : (JsonArray) classes) {
        names.add(e.getAsString());
      }
      return names;
    } catch (IOException e) {
      throw new DataException(file, "cannot read: " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new CorruptDataException(file, "not valid JSON of the form {\"classes\": [\"name\", ...]} ("
          + e.getMessage() + "); fix or remove the file");
    }
  }

  /** Reads one shard's headers and labels into samples. */
  private static final class ShardScan {
    private final int shard;
    private final Path file;
    private final List<ShardSample> out = new ArrayList<>();
    private final Set<String> seenKeys = new HashSet<>();
    private String key;
    private TarArchiveEntry image;
    private int label = -1;

    ShardScan(int shard, Path file) {
      this.shard = shard;
      this.file = file;
    }

    List<ShardSample> samples() {
      long fileSize;
      try (TarFile tar = new TarFile(file)) {
        fileSize = Files.size(file);
        for (TarArchiveEntry e : tar.getEntries()) {
          if (!e.isFile()) {
            continue;
          }
          if (e.getDataOffset() + e.getSize() > fileSize) {
            throw truncated(e, fileSize);
          }
          add(tar, e);
        }
        finish();
      } catch (IOException e) {
        String where = failingEntry().map(n -> " in entry '" + n + "'").orElse("");
        String what = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("truncated")
            ? "the tar shard is truncated" + where : "not a readable tar shard" + where + " (" + e.getMessage() + ")";
        throw new CorruptDataException(file, what + "; copy or write the shard again (e.g. with 'pretext data shard'),"
            + " or remove it");
      }
      return out;
    }

    /** The entry a front-to-back read fails in, found for the message when the shard does not open. */
    private Optional<String> failingEntry() {
      String name = null;
      try (InputStream raw = Files.newInputStream(file);
          TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(raw))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          name = e.getName();
          tar.transferTo(OutputStream.nullOutputStream());
        }
        return Optional.empty();
      } catch (IOException | RuntimeException e) {
        return Optional.ofNullable(name);
      }
    }

    private CorruptDataException truncated(TarArchiveEntry e, long fileSize) {
      return new CorruptDataException(file, "the tar shard is truncated: entry '" + e.getName() + "' needs "
          + e.getSize() + " bytes from offset " + e.getDataOffset() + ", but the file ends at " + fileSize
          + "; copy or write the shard again, or remove it");
    }

    private void add(TarFile tar, TarArchiveEntry e) throws IOException {
      String name = e.getName();
      int slash = name.lastIndexOf('/');
      int dot = name.indexOf('.', slash + 1);
      String entryKey = dot < 0 ? name : name.substring(0, dot);
      String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (!entryKey.equals(key)) {
        finish();
        if (!seenKeys.add(entryKey)) {
          throw new CorruptDataException(file, "the entries of key '" + entryKey + "' are not adjacent (found again at '"
              + name + "'); a shard keeps each sample's files together: write it again, e.g. with 'pretext data shard'");
        }
        key = entryKey;
      }
      String type = ext.substring(ext.lastIndexOf('.') + 1); // "left.png" is an image too
      if (IMAGE_EXTENSIONS.contains(type)) {
        if (image != null) {
          throw new CorruptDataException(file, "sample '" + key + "' has two images ('" + image.getName() + "' and '"
              + name + "'); keep one image per key");
        }
        if (e.getSize() > Integer.MAX_VALUE - 16) {
          throw new CorruptDataException(file, "entry '" + name + "' is " + e.getSize() + " bytes, too large for an image");
        }
        image = e;
      } else if (type.equals("cls")) {
        label = parseLabel(tar, e);
      }
    }

    private int parseLabel(TarFile tar, TarArchiveEntry e) throws IOException {
      String text;
      try (InputStream in = tar.getInputStream(e)) {
        byte[] bytes = in.readNBytes(MAX_LABEL_BYTES + 1);
        text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (bytes.length > MAX_LABEL_BYTES) {
          text = text.substring(0, Math.min(text.length(), MAX_LABEL_BYTES)) + "...";
        }
      }
      try {
        int value = Integer.parseInt(text);
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException notInteger) {
        // reported below
      }
      throw new CorruptDataException(file, "label entry '" + e.getName() + "' holds '" + text + "', not a class index"
          + " (an integer >= 0); write the index of the sample's class in it, or drop the .cls entries for unlabeled"
          + " data");
    }

    private void finish() {
      if (key == null) {
        return;
      }
      if (image == null) {
        throw new CorruptDataException(file, "sample '" + key + "' has no image entry (.jpg, .jpeg or .png); add it or"
            + " remove the sample's other entries");
      }
      out.add(new ShardSample(shard, key, image.getName(), image.getDataOffset(), (int) image.getSize(), label));
      key = null;
      image = null;
      label = -1;
    }
  }
}
