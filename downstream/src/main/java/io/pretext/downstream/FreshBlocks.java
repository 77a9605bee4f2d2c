package io.pretext.downstream;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.PretextUserException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the loaded weights of named top-level encoder blocks so that the trainer initializes them
 * afresh, keeping the pretrained weights of the others: re-initializing the top layers before a
 * few-sample fine-tune (Zhang et al. 2021, "Revisiting Few-sample BERT Fine-tuning").
 */
final class FreshBlocks {
  private FreshBlocks() {}

  /**
   * Closes the parameters of the named children of {@code encoder}: plain names ({@code layer2},
   * {@code norm}) or DJL's numbered ones ({@code 05layer2}).
   *
   * @throws PretextUserException naming the encoder's children when a name is not one of them
   */
  static void dropPretrained(Block encoder, List<String> names) {
    Set<String> dropped = new HashSet<>();
    for (String name : names) {
      List<String> matches = encoder.getChildren().keys().stream()
          .filter(child -> name.equals(child) || name.equals(plainName(child))).toList();
      if (matches.isEmpty()) {
        List<String> plain = encoder.getChildren().keys().stream().map(FreshBlocks::plainName).toList();
        throw new PretextUserException("fine-tune: reinitialize names '" + name + "', which is not a block of the encoder. "
            + "Its blocks are " + plain + " (or, numbered as DJL names them, " + encoder.getChildren().keys()
            + "); list some of those.");
      }
      dropped.addAll(matches);
    }
    for (Pair<String, Parameter> p : encoder.getParameters()) {
      if (dropped.stream().anyMatch(child -> p.getKey().startsWith(child + "_"))) { // "<child>_<parameter>"
        p.getValue().close(); // no array: initialize() draws a new one
      }
    }
  }

  /** DJL prefixes a child's name with its position ("05layer2"); the config uses the plain name. */
  private static String plainName(String child) {
    int i = 0;
    while (i < child.length() && Character.isDigit(child.charAt(i))) {
      i++;
    }
    return child.substring(i);
  }
}
