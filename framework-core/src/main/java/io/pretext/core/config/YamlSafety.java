package io.pretext.core.config;

import io.pretext.api.config.ConfigException;
import io.pretext.api.config.ConfigProblem;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML text as a node graph, without constructing any object, to check that it is safe
 * and well-formed before Commons Configuration loads it, and to record the line of every key.
 *
 * <p>Refused: syntax errors, tags other than YAML's plain scalar, sequence and map tags (so
 * {@code !!javax.script.ScriptEngineManager} and its kind are rejected, never instantiated),
 * anchors whose expansion would be excessive, and keys given twice in one map.
 */
public final class YamlSafety {
  private static final Set<Tag> PLAIN_TAGS = Set.of(
      Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MERGE, Tag.MAP, Tag.SEQ);

  /** The most values a run file may hold once its aliases are expanded. */
  static final int MAX_EXPANDED_NODES = 100_000;
  /** The most characters SnakeYAML reads (the file itself is limited by {@link RunFileText}). */
  static final int MAX_CODE_POINTS = 2 << 20;

  private final String source;
  private int visited;
  private final Map<String, Integer> lines = new HashMap<>();
  private final List<ConfigProblem> problems = new ArrayList<>();

  private YamlSafety(String source) {
    this.source = source;
  }

  /**
   * Checks a YAML text and returns the line of each key path ({@code a.b}, {@code list[2].c}).
   *
   * @throws ConfigException listing every problem found
   */
  public static Map<String, Integer> check(String source, String text) {
    YamlSafety check = new YamlSafety(source);
    LoaderOptions options = loaderOptions();
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      throw new ConfigException(source, new ConfigProblem("<yaml>", "not valid YAML: " + e.getProblem()
          + (e.getContext() != null ? " " + e.getContext() : "") + ". Fix the syntax at that line.", line));
    } catch (YAMLException e) {
      throw new ConfigException(source, new ConfigProblem("<yaml>", "not valid YAML: "
          + RunFileText.shorten(String.valueOf(e.getMessage()), 300) + ". Simplify the file: at most 50 aliases and"
          + " 50 levels of nesting", 0));
    }
    if (root != null) {
      if (!(root instanceof MappingNode)) {
        throw new ConfigException(source, new ConfigProblem("<yaml>",
            "a run file must be a map of sections (data, pretext, encoder, ...), found a " + kind(root), line(root)));
      }
      check.visit("", root);
    }
    if (!check.problems.isEmpty()) {
      throw new ConfigException(source, check.problems);
    }
    return Map.copyOf(check.lines);
  }

  /**
   * The SnakeYAML limits every reader of a run file uses: no recursive keys, at most 50 aliases to
   * collections, 50 levels of nesting and {@value #MAX_CODE_POINTS} characters.
   */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    return options;
  }

  private void visit(String path, Node node) {
    if (++visited > MAX_EXPANDED_NODES) {
      if (visited == MAX_EXPANDED_NODES + 1) {
        problems.add(new ConfigProblem("<yaml>", "its aliases expand to more than " + MAX_EXPANDED_NODES
            + " values (an alias bomb?); write the values out, or use fewer nested aliases", line(node)));
      }
      return;
    }
    Tag tag = node.getTag();
    if (!PLAIN_TAGS.contains(tag)) {
      problems.add(new ConfigProblem(path.isEmpty() ? "<root>" : path, "the YAML tag '" + tag
          + "' is not allowed: run files hold plain values, maps and lists only. Remove the tag.", line(node)));
      return;
    }
    if (node instanceof MappingNode map) {
      Map<String, Integer> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        Node keyNode = t.getKeyNode();
        if (!(keyNode instanceof ScalarNode key) || !PLAIN_TAGS.contains(keyNode.getTag())) {
          problems.add(new ConfigProblem(path.isEmpty() ? "<root>" : path, "keys must be plain words", line(keyNode)));
          continue;
        }
        String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        Integer before = seen.put(key.getValue(), line(keyNode));
        if (before != null) {
          problems.add(new ConfigProblem(childPath, "key given twice (first at line " + before
              + "); keep one", line(keyNode)));
        }
        lines.putIfAbsent(childPath, line(keyNode));
        visit(childPath, t.getValueNode());
      }
    } else if (node instanceof SequenceNode seq) {
      List<Node> items = seq.getValue();
      for (int i = 0; i < items.size(); i++) {
        String childPath = path + "[" + i + "]";
        lines.putIfAbsent(childPath, line(items.get(i)));
        visit(childPath, items.get(i));
      }
    }
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static String kind(Node node) {
    return node instanceof SequenceNode ? "list" : "single value";
  }
}
