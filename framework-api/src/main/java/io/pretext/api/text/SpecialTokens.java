package io.pretext.api.text;

import java.util.List;

/** The special tokens and their fixed ids 0..4, first in every vocabulary. */
public final class SpecialTokens {
  public static final int PAD = 0;
  public static final int UNK = 1;
  public static final int CLS = 2;
  public static final int SEP = 3;
  public static final int MASK = 4;
  /** The tokens in id order. */
  public static final List<String> ALL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
  /** The number of special tokens; ordinary tokens have ids from here on. */
  public static final int COUNT = ALL.size();

  private SpecialTokens() {}

  /** Whether the id is one of the special tokens. */
  public static boolean isSpecial(int id) {
    return id >= 0 && id < COUNT;
  }
}
