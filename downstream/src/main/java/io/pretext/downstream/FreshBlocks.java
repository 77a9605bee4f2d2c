package io.pretext.downstream;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.pretext.api.PretextUserException;
import java.util.LinkedHashSet;
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
    if (names.isEmpty()) {
      return;
    }
    List<String> children = encoder.getChildren().keys();
    for (String name : names) {
      if (children.stream().noneMatch(child -> names(child, name))) {
        Set<String> plain = new LinkedHashSet<>();
        children.forEach(child -> plain.add(plainName(child)));
        throw new PretextUserException("fine-tune: reinitialize names '" + name + "', which is not a block of the encoder. "
            + "Its blocks are " + plain + " (or, numbered as DJL names them, " + children + "); list some of those.");
      }
    }
    for (Pair<String, Parameter> p : encoder.getParameters()) {
      String child = children.stream().filter(c -> p.getKey().startsWith(c + "_")).findFirst().orElse("");
      if (names.stream().anyMatch(name -> names(child, name))) {
        p.getValue().close(); // no array: initialize() draws a new one
      }
    }
  }

  private static boolean names(String child, String name) {
    return !child.isEmpty() && (name.equals(child) || name.equals(plainName(child)));
  }

  /** DJL prefixes a child's name with its position ("05layer2"); the config uses the plain name. */
  static String plainName(String child) {
    int i = 0;
    while (i < child.length() && Character.isDigit(child.charAt(i))) {
      i++;
    }
    return child.substring(i);
  }
}
