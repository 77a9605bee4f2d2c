package io.pretext.core.data.image;

import io.pretext.api.data.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of an image folder: path, label, byte size and modification time of each, not its
 * pixels. Flat (every image under the folder, subfolders included, unlabeled) or labeled (one
 * subfolder per class, sorted names give the class indices). Files are sorted by path, so the
 * index of a folder is the same on every machine.
 *
 * @param folder the folder, absolute
 * @param classNames class names in label order; empty when flat
 * @param entries the image files, sorted by path
 * @param folders every folder walked with its modification time (how a cached index notices an
 *     added or removed file without listing again)
 * @param unreadable files skipped because they cannot be read (only with skip-bad-images)
 */
public record FolderIndex(Path folder, List<String> classNames, List<Entry> entries, List<Stamp> folders,
    List<Path> unreadable) {

  /** One image file: its path relative to the folder, its label (-1 when flat), size and mtime. */
  public record Entry(String path, int label, long size, long modified) {
    public Entry {
      Objects.requireNonNull(path, "path");
    }
  }

  /** A folder (relative; "" is the root) and its modification time. */
  public record Stamp(String path, long modified) {}

  public FolderIndex {
    classNames = List.copyOf(classNames);
    entries = List.copyOf(entries);
    folders = List.copyOf(folders);
    unreadable = List.copyOf(unreadable);
  }

  public boolean labeled() {
    return !classNames.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  public Path file(int i) {
    return folder.resolve(entries.get(i).path());
  }

  /**
   * Walks a folder (class folders in parallel, files stat-ed in parallel).
   *
   * @param classNames for a labeled test folder, the training split's classes; null to take the
   *     sorted subfolder names
   * @param skipUnreadable skip (and list) files that cannot be read instead of failing
   */
  public static FolderIndex build(Path folder, boolean labeled, List<String> classNames, boolean skipUnreadable) {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new DataException(root, "image folder not found (or not a folder); check data.path");
    }
    List<Path> top = list(root);
    if (top.isEmpty()) {
      throw new DataException(root, "the image folder is empty; put PNG/JPEG images in it"
          + (labeled ? " (one subfolder per class)" : "") + ", or point data.path at the folder that holds them");
    }
    List<String> names = List.of();
    List<Walked> walked;
    if (labeled) {
      List<Path> classDirs = top.stream().filter(Files::isDirectory).toList();
      if (classDirs.isEmpty()) {
        throw new DataException(root, "a labeled image folder needs one subfolder per class, found none"
            + " (set labeled: false for a flat folder of images)");
      }
      List<String> found = classDirs.stream().map(p -> p.getFileName().toString()).toList();
      names = classNames == null ? found : List.copyOf(classNames);
      List<String> classes = names;
      for (Path dir : classDirs) {
        if (classes.indexOf(dir.getFileName().toString()) < 0) {
          throw new DataException(dir, "class folder not among the training classes " + classes
              + "; rename or remove it");
        }
      }
      walked = classDirs.parallelStream()
          .map(dir -> walk(root, dir, classes.indexOf(dir.getFileName().toString()), skipUnreadable))
          .toList();
      for (int i = 0; i < classDirs.size(); i++) {
        if (walked.get(i).entries.isEmpty()) {
          throw new DataException(classDirs.get(i), "class folder has no images (" + String.join(", ",
              ImageDecoder.EXTENSIONS) + "); add images to it or remove the folder");
        }
      }
    } else {
      walked = List.of(walk(root, root, -1, skipUnreadable));
    }
    List<Entry> entries = new ArrayList<>();
    List<Stamp> folders = new ArrayList<>();
    List<Path> unreadable = new ArrayList<>();
    folders.add(new Stamp("", modified(root)));
    for (Walked w : walked) {
      entries.addAll(w.entries);
      folders.addAll(w.folders);
      unreadable.addAll(w.unreadable);
    }
    if (entries.isEmpty()) {
      throw new DataException(root, "no image files (" + String.join(", ", ImageDecoder.EXTENSIONS)
          + ") found" + (unreadable.isEmpty() ? "" : " that can be read") + "; put images in the folder or fix data.path");
    }
    entries.sort(Comparator.comparing(Entry::path));
    folders.sort(Comparator.comparing(Stamp::path));
    return new FolderIndex(root, names, entries, folders, unreadable);
  }

  private record Walked(List<Entry> entries, List<Stamp> folders, List<Path> unreadable) {}

  private static Walked walk(Path root, Path dir, int label, boolean skipUnreadable) {
    List<Path> files;
    List<Stamp> folders = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      List<Path> all = s.filter(p -> !hidden(root, p)).toList();
      files = new ArrayList<>();
      for (Path p : all) {
        if (Files.isDirectory(p)) {
          if (!p.equals(root)) {
            folders.add(new Stamp(relative(root, p), modified(p)));
          }
        } else if (ImageDecoder.isImageName(p.getFileName().toString())) {
          files.add(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw walkError(dir, e.getCause());
    } catch (IOException e) {
      throw walkError(dir, e);
    }
    List<Object> stats = files.parallelStream().map(f -> stat(root, f, label)).toList();
    List<Entry> entries = new ArrayList<>();
    List<Path> unreadable = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Object o = stats.get(i);
      if (o instanceof Entry e) {
        entries.add(e);
      } else if (skipUnreadable) {
        unreadable.add(files.get(i));
      } else {
        throw (DataException) o;
      }
    }
    return new Walked(entries, folders, unreadable);
  }

  /** The entry of a file, or the DataException saying why it cannot be used. */
  private static Object stat(Path root, Path f, int label) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        return new DataException(f, "not a regular file; remove it or rename it without an image extension");
      }
      if (!Files.isReadable(f)) {
        return new DataException(f, "cannot read the image file (permission denied); give read permission"
            + " (chmod a+r), remove it, or set skip-bad-images: true to skip such files");
      }
      if (a.size() == 0) {
        return new DataException(f, "image file is empty (0 bytes); remove it, or set skip-bad-images: true");
      }
      return new Entry(relative(root, f), label, a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      return new DataException(f, "cannot read the image file (" + e.getMessage() + "); fix its permissions"
          + " or remove it (a broken link?), or set skip-bad-images: true to skip such files", e);
    }
  }

  private static DataException walkError(Path dir, IOException e) {
    if (e instanceof FileSystemLoopException loop) {
      return new DataException(Path.of(loop.getFile()), "symbolic link loop: the link points to a folder that"
          + " contains it; remove the link (or move the folder it points to)");
    }
    if (e instanceof AccessDeniedException denied) {
      return new DataException(Path.of(denied.getFile()), "cannot read the folder (permission denied); give"
          + " read permission (chmod a+rx) or move it out of the image folder", e);
    }
    return new DataException(dir, "cannot list the folder (" + e + ")", e);
  }

  private static boolean hidden(Path root, Path p) {
    Path rel = root.relativize(p);
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(dir, "cannot list folder: " + e.getMessage(), e);
    }
  }
}
