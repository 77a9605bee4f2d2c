package io.pretext.core.integrity;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.pretext.api.PretextUserException;
import io.pretext.api.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The list of a run's weight files with their sha256: {@code RUN_DIR/manifest.json}, rewritten
 * atomically each time a file is added.
 *
 * <pre>
 * {"version": 1,
 *  "files": {"checkpoints/step-000200.params": {"sha256": "9f2c...", "bytes": 52344}, ...}}
 * </pre>
 *
 * Paths are relative to the run directory, with forward slashes. A file the manifest does not list
 * (an older run, a file from elsewhere) is not checked; a listed file whose content differs is
 * refused by {@link #verify}.
 */
public final class RunManifest {
  /** The manifest's name inside the run directory. */
  public static final String FILE_NAME = "manifest.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private final Path root;

  /** One listed file. */
  public record Entry(String sha256, long bytes) {}

  private RunManifest(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The manifest of the run directory {@code root} (the file need not exist yet). */
  public static RunManifest of(Path root) {
    return new RunManifest(root);
  }

  /**
   * The manifest of the run that holds {@code file}: the nearest folder above it (at most two
   * levels, e.g. {@code checkpoints/} or {@code encoder/} then the run) with a {@code manifest.json}.
   */
  public static Optional<RunManifest> enclosing(Path file) {
    Path p = file.toAbsolutePath().normalize().getParent();
    for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(FILE_NAME))) {
        return Optional.of(new RunManifest(p));
      }
    }
    return Optional.empty();
  }

  public Path file() {
    return root.resolve(FILE_NAME);
  }

  /** Adds or replaces the entry of a file under the run directory with its current sha256. */
  public synchronized void record(Path file) throws IOException {
    Map<String, Entry> files = read();
    Path absolute = file.toAbsolutePath().normalize();
    files.put(key(absolute), new Entry(sha256(absolute), Files.size(absolute)));
    write(files);
  }

  /** Drops the entries of files that were deleted (pruned checkpoints). */
  public synchronized void forget(Path... deleted) throws IOException {
    Map<String, Entry> files = read();
    boolean changed = false;
    for (Path p : deleted) {
      changed |= files.remove(key(p.toAbsolutePath().normalize())) != null;
    }
    if (changed) {
      write(files);
    }
  }

  /** The entry of a file, when the manifest lists it. */
  public synchronized Optional<Entry> entry(Path file) {
    return Optional.ofNullable(read().get(key(file.toAbsolutePath().normalize())));
  }

  /**
   * Checks a listed file's size and sha256 against the manifest; a file it does not list passes.
   *
   * @throws CorruptFileException naming the file, what differs and what to do
   */
  public void verify(Path file) {
    Optional<Entry> expected = entry(file);
    if (expected.isEmpty()) {
      return;
    }
    Entry want = expected.get();
    try {
      long size = Files.size(file);
      if (size != want.bytes()) {
        throw new CorruptFileException(file, "it holds " + size + " bytes where " + file() + " lists "
            + want.bytes() + " (truncated or overwritten)");
      }
      String got = sha256(file);
      if (!got.equals(want.sha256())) {
        throw new CorruptFileException(file, "its sha256 " + got + " differs from " + want.sha256()
            + " listed in " + file());
      }
    } catch (IOException e) {
      throw new CorruptFileException(file, "it cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Checks {@code file} against the manifest of the run that holds it, if there is one. */
  public static void verifyIfListed(Path file) {
    enclosing(file).ifPresent(m -> m.verify(file));
  }

  /** The lowercase hex sha256 of a file's content. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private String key(Path absolute) {
    if (!absolute.startsWith(root)) {
      throw new IllegalArgumentException(absolute + " is not inside the run directory " + root);
    }
    return root.relativize(absolute).toString().replace('\\', '/');
  }

  private Map<String, Entry> read() {
    Map<String, Entry> files = new TreeMap<>();
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return files;
    }
    try {
      JsonObject json = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
      JsonObject listed = json == null ? null : json.getAsJsonObject("files");
      if (listed == null) {
        throw new JsonParseException("no \"files\" object");
      }
      for (String name : listed.keySet()) {
        JsonObject e = listed.getAsJsonObject(name);
        files.put(name, new Entry(e.get("sha256").getAsString(), e.get("bytes").getAsLong()));
      }
      return files;
    } catch (IOException | RuntimeException e) {
      throw new PretextUserException("The run manifest " + file + " is damaged (" + e.getMessage()
          + "). Restore it from a backup, or delete it to load the run's files unchecked.", e);
    }
  }

  private void write(Map<String, Entry> files) throws IOException {
    JsonObject listed = new JsonObject();
    files.forEach((name, e) -> {
      JsonObject one = new JsonObject();
      one.addProperty("sha256", e.sha256());
      one.addProperty("bytes", e.bytes());
      listed.add(name, one);
    });
    JsonObject json = new JsonObject();
    json.addProperty("version", 1);
    json.add("files", listed);
    AtomicFiles.writeString(file(), GSON.toJson(json) + "\n");
  }
}
