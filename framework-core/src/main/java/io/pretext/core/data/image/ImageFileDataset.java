package io.pretext.core.data.image;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images read from their files on demand: {@link #get(int)} decodes the file (on the calling
 * thread, i.e. on the batch workers) at its own size, so memory holds the index and the images in
 * flight, never the data set. Thread-safe.
 *
 * <p>With {@code skipBadImages}, a file that does not decode is logged and counted once, and the
 * next decodable file in index order stands in for it, so a batch keeps its size; without, it is
 * a {@link CorruptDataException} naming the file.
 */
public final class ImageFileDataset implements Dataset<Image> {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFileDataset.class);

  private final FolderIndex index;
  private final ImageDecoder decoder;
  private final boolean skipBadImages;
  private final Set<Integer> bad = ConcurrentHashMap.newKeySet();

  public ImageFileDataset(FolderIndex index, ImageDecoder decoder, boolean skipBadImages) {
    this.index = index;
    this.decoder = decoder;
    this.skipBadImages = skipBadImages;
  }

  public FolderIndex index() {
    return index;
  }

  /** How many files failed to decode so far (each counted once). */
  public int skippedCount() {
    return bad.size() + index.unreadable().size();
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public Image get(int i) {
    if (i < 0 || i >= index.size()) {
      throw new IndexOutOfBoundsException("index " + i + " outside image folder of " + index.size());
    }
    int n = index.size();
    for (int k = 0; k < n; k++) {
      int j = (i + k) % n;
      if (k > 0 && bad.contains(j)) {
        continue;
      }
      Path file = index.file(j);
      try {
        return decoder.decode(file);
      } catch (CorruptDataException e) {
        if (!skipBadImages) {
          throw e;
        }
        if (bad.add(j)) {
          LOG.warn("Skipping an image that does not decode ({} skipped so far): {}", skippedCount(), e.getMessage());
        }
      }
    }
    throw new DataException(index.folder(), "none of the " + n + " image files decoded");
  }

  @Override
  public boolean labeled() {
    return index.labeled();
  }

  @Override
  public int label(int i) {
    if (!index.labeled()) {
      throw new UnsupportedOperationException("this image folder is flat: it has no labels");
    }
    return index.entries().get(i).label();
  }

  @Override
  public List<String> classNames() {
    return index.classNames();
  }

  @Override
  public String toString() {
    return "ImageFileDataset[" + index.size() + " files in " + index.folder()
        + (index.labeled() ? ", " + index.classNames().size() + " classes" : ", unlabeled") + "]";
  }
}
