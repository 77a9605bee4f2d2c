package io.pretext.core.data.image;

import io.pretext.api.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link FolderIndex} between runs, one file per (folder, layout, classes) under a cache
 * folder. A cached index is used when no folder's modification time moved (no file added,
 * removed or renamed) and every file still has its size and modification time (checked in
 * parallel, no listing); otherwise the folder is walked again, what changed is logged, and the
 * new index replaces the old.
 */
public final class IndexCache {
  private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);
  private static final String MAGIC = "pretext-image-index 1";

  private final Path cacheDir;

  public IndexCache(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** What {@link #index} did: the index, and whether it came from the cache. */
  public record Outcome(FolderIndex index, boolean cached, int added, int removed, int changed) {}

  /** The folder's index: from the cache when still true, else built (and stored). */
  public Outcome index(Path folder, boolean labeled, List<String> classNames, boolean skipUnreadable) {
    Path root = folder.toAbsolutePath().normalize();
    Path file = cacheDir.resolve(key(root, labeled, classNames) + ".tsv");
    Optional<FolderIndex> old = read(file, root);
    if (old.isPresent() && !skipUnreadableDiffers(old.get(), skipUnreadable) && unchanged(old.get())) {
      LOG.info("Image index of {}: {} files, from the cache", root, old.get().size());
      return new Outcome(old.get(), true, 0, 0, 0);
    }
    FolderIndex fresh = FolderIndex.build(root, labeled, classNames, skipUnreadable);
    int added = 0;
    int removed = 0;
    int changed = 0;
    if (old.isPresent()) {
      Map<String, FolderIndex.Entry> before = new HashMap<>();
      old.get().entries().forEach(e -> before.put(e.path(), e));
      for (FolderIndex.Entry e : fresh.entries()) {
        FolderIndex.Entry b = before.remove(e.path());
        if (b == null) {
          added++;
        } else if (!b.equals(e)) {
          changed++;
        }
      }
      removed = before.size();
      LOG.info("Image folder {} changed since its cached index: {} added, {} removed, {} changed; index rebuilt"
          + " ({} files)", root, added, removed, changed, fresh.size());
    } else {
      LOG.info("Image index of {}: {} files, built", root, fresh.size());
    }
    if (!fresh.unreadable().isEmpty()) {
      LOG.warn("Skipped {} image files in {} that cannot be read (skip-bad-images), e.g. {}",
          fresh.unreadable().size(), root, fresh.unreadable().get(0));
    }
    write(file, fresh);
    return new Outcome(fresh, false, added, removed, changed);
  }

  private static boolean skipUnreadableDiffers(FolderIndex old, boolean skip) {
    return !skip && !old.unreadable().isEmpty();
  }

  private static boolean unchanged(FolderIndex index) {
    Path root = index.folder();
    boolean folders = index.folders().parallelStream()
        .allMatch(s -> FolderIndex.modified(root.resolve(s.path())) == s.modified());
    return folders && index.entries().parallelStream().allMatch(e -> {
      try {
        BasicFileAttributes a = Files.readAttributes(root.resolve(e.path()), BasicFileAttributes.class);
        return a.size() == e.size() && a.lastModifiedTime().toMillis() == e.modified();
      } catch (IOException ex) {
        return false;
      }
    });
  }

  private static String key(Path root, boolean labeled, List<String> classNames) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((root + "\n" + labeled + "\n" + classNames).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<FolderIndex> read(Path file, Path root) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!MAGIC.equals(in.readLine()) || !root.toString().equals(in.readLine())) {
        return Optional.empty();
      }
      String classes = in.readLine();
      List<String> names = classes.isEmpty() ? List.of() : List.of(classes.split("\t", -1));
      List<FolderIndex.Entry> entries = new ArrayList<>();
      List<FolderIndex.Stamp> folders = new ArrayList<>();
      List<Path> unreadable = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "d" -> folders.add(new FolderIndex.Stamp(f[2], Long.parseLong(f[1])));
          case "f" -> entries.add(new FolderIndex.Entry(f[4], Integer.parseInt(f[1]), Long.parseLong(f[2]),
              Long.parseLong(f[3])));
          case "u" -> unreadable.add(Path.of(f[1]));
          default -> {
            return Optional.empty();
          }
        }
      }
      return Optional.of(new FolderIndex(root, names, entries, folders, unreadable));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring an unreadable image index cache {} ({}); rebuilding it", file, e.toString());
      return Optional.empty();
    }
  }

  private static void write(Path file, FolderIndex index) {
    StringBuilder out = new StringBuilder(MAGIC).append('\n').append(index.folder()).append('\n')
        .append(String.join("\t", index.classNames())).append('\n');
    for (FolderIndex.Stamp s : index.folders()) {
      out.append("d\t").append(s.modified()).append('\t').append(s.path()).append('\n');
    }
    for (FolderIndex.Entry e : index.entries()) {
      out.append("f\t").append(e.label()).append('\t').append(e.size()).append('\t').append(e.modified())
          .append('\t').append(e.path()).append('\n');
    }
    for (Path u : index.unreadable()) {
      out.append("u\t").append(u).append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.writeString(file, out.toString());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not write the image index cache {} ({}); the next run indexes the folder again", file,
          e.toString());
    }
  }
}
