package io.pretext.core.data.shard;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * Shuffles a stream with a bounded buffer, as WebDataset's {@code shuffle(n)} does: the buffer is
 * kept full from the source, and each element out is a uniformly drawn one of those held. A
 * capacity of 0 or 1 keeps the source order. Memory: at most {@code capacity} elements.
 *
 * @param <T> the element type
 */
public final class ShuffleBuffer<T> implements Iterator<T> {
  private final Iterator<? extends T> source;
  private final int capacity;
  private final RandomGenerator random;
  private final List<T> held;

  public ShuffleBuffer(Iterator<? extends T> source, int capacity, RandomGenerator random) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.source = source;
    this.capacity = Math.max(1, capacity);
    this.random = random;
    this.held = new ArrayList<>(Math.min(this.capacity, 4096));
  }

  @Override
  public boolean hasNext() {
    return !held.isEmpty() || source.hasNext();
  }

  @Override
  public T next() {
    while (held.size() < capacity && source.hasNext()) {
      held.add(source.next());
    }
    if (held.isEmpty()) {
      throw new NoSuchElementException();
    }
    int last = held.size() - 1;
    int pick = held.size() == 1 ? 0 : random.nextInt(held.size());
    T out = held.get(pick);
    held.set(pick, held.get(last));
    held.remove(last);
    return out;
  }
}
