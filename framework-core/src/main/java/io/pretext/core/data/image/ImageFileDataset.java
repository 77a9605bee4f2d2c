package io.pretext.core.data.image;

import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Dataset;
import io.pretext.api.data.Image;
import io.pretext.api.data.SkipsBadImages;
import java.util.List;

/**
 * Images read from their files on demand: {@link #get(int)} decodes the file (on the calling
 * thread, i.e. on the batch workers) at its own size, so memory holds the index and the images in
 * flight, never the data set. Thread-safe.
 *
 * <p>With {@code skipBadImages}, a file that does not decode is logged and counted once, and the
 * next decodable file in index order stands in for it, so a batch keeps its size; without, it is
 * a {@link CorruptDataException} naming the file ({@link BadImageSkipper}).
 */
public final class ImageFileDataset implements Dataset<Image>, SkipsBadImages {
  private final FolderIndex index;
  private final ImageDecoder decoder;
  private final BadImageSkipper skipper;
  private final boolean labeled;

  public ImageFileDataset(FolderIndex index, ImageDecoder decoder, boolean skipBadImages) {
    this(index, decoder, new BadImageSkipper(skipBadImages, index.unreadable().size()), index.labeled());
  }

  private ImageFileDataset(FolderIndex index, ImageDecoder decoder, BadImageSkipper skipper, boolean labeled) {
    this.index = index;
    this.decoder = decoder;
    this.skipper = skipper;
    this.labeled = labeled;
  }

  public FolderIndex index() {
    return index;
  }

  /** How many files were skipped so far: unreadable at index time, or not decoding (each counted once). */
  @Override
  public long skippedImages() {
    return skipper.count();
  }

  /** The same files without labels, sharing the count of skipped images. */
  @Override
  public ImageFileDataset unlabeled() {
    return new ImageFileDataset(index, decoder, skipper, false);
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
    return skipper.firstDecodable(i, index.size(), j -> decoder.decode(index.file(j)),
        () -> new DataException(index.folder(), "none of the " + index.size() + " image files decoded; check that"
            + " they are PNG/JPEG images"));
  }

  @Override
  public boolean labeled() {
    return labeled;
  }

  @Override
  public int label(int i) {
    if (!labeled) {
      throw new UnsupportedOperationException(index.labeled() ? "this view of the image folder has no labels"
          : "this image folder is flat: it has no labels");
    }
    return index.entries().get(i).label();
  }

  @Override
  public List<String> classNames() {
    return labeled ? index.classNames() : List.of();
  }

  @Override
  public String toString() {
    return "ImageFileDataset[" + index.size() + " files in " + index.folder()
        + (labeled ? ", " + index.classNames().size() + " classes" : ", unlabeled") + "]";
  }
}
