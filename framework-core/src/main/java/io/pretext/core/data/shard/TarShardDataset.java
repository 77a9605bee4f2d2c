package io.pretext.core.data.shard;

import io.pretext.core.data.Permutations;
import io.pretext.api.data.CorruptDataException;
import io.pretext.api.data.DataException;
import io.pretext.api.data.Image;
import io.pretext.api.data.SequentialDataset;
import io.pretext.api.data.SkipsBadImages;
import io.pretext.core.data.image.BadImageSkipper;
import io.pretext.core.data.image.ImageDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.random.RandomGenerator;

/**
 * Images in WebDataset-style tar shards ({@link TarShardIndex}), read as a stream: an epoch visits
 * the shards in a seeded order, reads each from front to back, and passes the encoded images
 * through a seeded {@link ShuffleBuffer}; the batch workers decode them. Memory is the shuffle
 * buffer's encoded images, never the data set's. Images are decoded by {@link ImageDecoder}, at
 * their own size.
 *
 * <p>{@link #get(int)} reads one image at its recorded offset, for the labeled side and probes.
 * A bad image is skipped as in an image folder ({@link BadImageSkipper}): left out of a stream,
 * replaced by the next decodable sample in index order in {@link #get(int)}, counted once either
 * way. Thread-safe and immutable apart from the count of skipped images.
 */
public final class TarShardDataset implements SequentialDataset<Image>, SkipsBadImages {
  private final TarShardIndex index;
  private final ImageDecoder decoder;
  private final int shuffleBuffer;
  private final boolean labeled;
  private final BadImageSkipper skipper;

  /**
   * @param index the shards' samples
   * @param decoder turns an entry's bytes into an image
   * @param shuffleBuffer encoded images held for shuffling (0 or 1: shard order only)
   * @param skipBadImages skip and count images that do not decode, instead of failing
   */
  public TarShardDataset(TarShardIndex index, ImageDecoder decoder, int shuffleBuffer, boolean skipBadImages) {
    this(index, decoder, shuffleBuffer, index.labeled(), new BadImageSkipper(skipBadImages, 0));
  }

  private TarShardDataset(TarShardIndex index, ImageDecoder decoder, int shuffleBuffer, boolean labeled,
      BadImageSkipper skipper) {
    if (shuffleBuffer < 0) {
      throw new IllegalArgumentException("shuffleBuffer must be >= 0, got " + shuffleBuffer);
    }
    this.index = index;
    this.decoder = decoder;
    this.shuffleBuffer = shuffleBuffer;
    this.labeled = labeled;
    this.skipper = skipper;
  }

  @Override
  public Class<Image> sampleType() {
    return Image.class;
  }

  @Override
  public int size() {
    return index.size();
  }

  /**
   * The image at an index, read at its offset; with skip-bad-images a bad one is replaced by the
   * next decodable sample in index order.
   */
  @Override
  public Image get(int i) {
    if (i < 0 || i >= index.size()) {
      throw new IndexOutOfBoundsException("index " + i + " outside the " + index.size() + " samples of the shards");
    }
    return skipper.firstDecodable(i, index.size(), this::decodeAt, () -> new DataException(index.shards().get(0)
        .getParent(), "none of the " + index.size() + " images in the shards decoded; check that they hold"
        + " PNG/JPEG images"));
  }

  private Image decodeAt(int i) {
    ShardSample s = index.sample(i);
    Path shard = index.shards().get(s.shard());
    try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.READ)) {
      return decoder.decode(read(channel, shard, s), shard.resolve(s.imageEntry()));
    } catch (IOException e) {
      throw new DataException(shard, "cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean labeled() {
    return labeled;
  }

  @Override
  public int label(int i) {
    if (!labeled) {
      throw new UnsupportedOperationException("these shards have no labels");
    }
    return index.sample(i).label();
  }

  @Override
  public List<String> classNames() {
    return labeled ? index.classNames() : List.of();
  }

  @Override
  public SequentialDataset<Image> unlabeled() {
    return new TarShardDataset(index, decoder, shuffleBuffer, false, skipper);
  }

  /** How many distinct images were skipped because they did not decode (with skip-bad-images). */
  @Override
  public long skippedImages() {
    return skipper.count();
  }

  @Override
  public Stream<Image> stream(RandomGenerator random) {
    int[] order = Permutations.of(index.shards().size(), random);
    ShardReader reader = new ShardReader(order);
    ShuffleBuffer<Record<Image>> shuffled = new ShuffleBuffer<>(reader, shuffleBuffer, random);
    return new Stream<>() {
      @Override
      public boolean hasNext() {
        return shuffled.hasNext();
      }

      @Override
      public Record<Image> next() {
        return shuffled.next();
      }

      @Override
      public void close() {
        reader.close();
      }
    };
  }

  private static byte[] read(FileChannel channel, Path shard, ShardSample s) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(s.length());
    long position = s.offset();
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new CorruptDataException(shard, "the tar shard is truncated: entry '" + s.imageEntry() + "' ends at byte "
            + (s.offset() + s.length()) + " but the file ends at " + position + " (it changed after it was indexed?);"
            + " copy or write the shard again");
      }
      position += n;
    }
    return buffer.array();
  }

  /** An image entry's bytes, decoded when asked. */
  private final class EncodedImage implements Record<Image> {
    private final int position;
    private final Path shard;
    private final ShardSample sample;
    private final byte[] bytes;

    EncodedImage(int position, Path shard, ShardSample sample, byte[] bytes) {
      this.position = position;
      this.shard = shard;
      this.sample = sample;
      this.bytes = bytes;
    }

    @Override
    public String name() {
      return shard.getFileName() + ": " + sample.imageEntry();
    }

    @Override
    public Optional<Image> decode() {
      return skipper.orSkip(position, i -> decoder.decode(bytes, shard.resolve(sample.imageEntry())));
    }
  }

  /** Reads the shards in the given order, each from front to back, one open file at a time. */
  private final class ShardReader implements Iterator<Record<Image>>, AutoCloseable {
    private final int[] order;
    private int next;
    private FileChannel channel;
    private Path shard;
    private PrimitiveIterator.OfInt samples;

    ShardReader(int[] order) {
      this.order = order;
    }

    @Override
    public boolean hasNext() {
      while (samples == null || !samples.hasNext()) {
        if (next == order.length) {
          close();
          return false;
        }
        open(order[next++]);
      }
      return true;
    }

    @Override
    public Record<Image> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int position = samples.nextInt();
      ShardSample s = index.sample(position);
      try {
        return new EncodedImage(position, shard, s, read(channel, shard, s));
      } catch (IOException e) {
        throw new DataException(shard, "cannot read: " + e.getMessage(), e);
      }
    }

    private void open(int s) {
      close();
      shard = index.shards().get(s);
      samples = index.samplesOf(s).iterator();
      try {
        channel = FileChannel.open(shard, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new DataException(shard, "cannot open the shard: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        channel = null;
      }
    }
  }
}
