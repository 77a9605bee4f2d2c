package io.pretext.core.data.fetch;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Extracts chosen files from a package archive in pure Java: a Debian {@code .deb} (an {@code ar}
 * archive whose {@code data.tar.xz}, {@code .gz} or uncompressed {@code data.tar} holds the files)
 * or an npm {@code .tgz} (a gzip-compressed tar). The kind is told by the archive's magic bytes.
 */
public final class ArchiveExtractor {
  private static final byte[] AR_MAGIC = "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * Writes each wanted file found under {@code prefix} in the archive to {@code dest}, at its path
   * relative to the prefix.
   *
   * @param prefix a folder inside the archive, e.g. {@code usr/share/datasets/fashion-mnist/} (a leading {@code ./} is ignored)
   * @param wanted paths relative to the prefix
   * @return the wanted paths that were found and written
   */
  public Set<String> extract(Path archive, String prefix, Set<String> wanted, Path dest) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      in.mark(8);
      byte[] head = in.readNBytes(8);
      in.reset();
      if (java.util.Arrays.equals(head, AR_MAGIC)) {
        return fromDeb(archive, in, prefix, wanted, dest);
      }
      if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
        return fromTar(archive, new GZIPInputStream(in, 1 << 16), prefix, wanted, dest);
      }
      throw new CorruptDataException(archive, "not a .deb (ar) or gzip-compressed tar archive");
    } catch (IOException e) {
      throw new CorruptDataException(archive, "cannot unpack the package archive: " + e.getMessage(), e);
    }
  }

  private Set<String> fromDeb(Path archive, InputStream in, String prefix, Set<String> wanted, Path dest)
      throws IOException {
    ArArchiveInputStream ar = new ArArchiveInputStream(in);
    ArArchiveEntry entry;
    while ((entry = ar.getNextEntry()) != null) {
      String name = entry.getName();
      if (!name.startsWith("data.tar")) {
        continue;
      }
      InputStream body = new BufferedInputStream(ar, 1 << 16);
      if (name.equals("data.tar.xz")) {
        return fromTar(archive, new XZInputStream(body), prefix, wanted, dest);
      }
      if (name.equals("data.tar.gz")) {
        return fromTar(archive, new GZIPInputStream(body, 1 << 16), prefix, wanted, dest);
      }
      if (name.equals("data.tar")) {
        return fromTar(archive, body, prefix, wanted, dest);
      }
      throw new DataException(archive, "the package's payload is " + name + ", a compression this fetcher does not"
          + " read (it reads data.tar.xz, data.tar.gz and data.tar); extract it by hand into the cache folder");
    }
    throw new CorruptDataException(archive, "no data.tar.* member found; is this a Debian package?");
  }

  private Set<String> fromTar(Path archive, InputStream in, String prefix, Set<String> wanted, Path dest)
      throws IOException {
    String stripped = strip(prefix);
    String root = stripped.isEmpty() || stripped.endsWith("/") ? stripped : stripped + "/";
    Set<String> written = new HashSet<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String name = strip(entry.getName());
      if (!entry.isFile() || !name.startsWith(root)) {
        continue;
      }
      String rel = name.substring(root.length());
      if (!wanted.contains(rel)) {
        continue;
      }
      Path target = dest.resolve(rel).normalize();
      if (!target.startsWith(dest.normalize())) {
        throw new CorruptDataException(archive, "entry " + entry.getName() + " points outside the target folder");
      }
      Files.createDirectories(target.getParent());
      Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
      written.add(rel);
    }
    return written;
  }

  private static String strip(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    return n;
  }
}
