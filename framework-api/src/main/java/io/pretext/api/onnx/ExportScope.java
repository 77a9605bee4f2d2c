package io.pretext.api.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link LayerExporter} sees while it writes one block: the graph, the block's path in
 * the model (child names from the root joined by '/'), its children (written through their own
 * exporters with {@link #child}) and its weights. Made by {@link LayerExporters}.
 */
public final class ExportScope {
  private final OnnxGraph graph;
  private final LayerExporters exporters;
  private final Block block;
  private final String path;

  ExportScope(OnnxGraph graph, LayerExporters exporters, Block block, String path) {
    this.graph = graph;
    this.exporters = exporters;
    this.block = block;
    this.path = path;
  }

  public OnnxGraph graph() {
    return graph;
  }

  /** The block's path from the root, {@code <root>} for the model itself. */
  public String path() {
    return path.isEmpty() ? "<root>" : path;
  }

  /** A readable prefix for the names of this block's values: its path, or the given word at the root. */
  public String hint(String what) {
    return path.isEmpty() ? what : path + "/" + what;
  }

  /** Exports a child of this block on the given inputs and returns the child's outputs. */
  public List<GraphValue> child(Block child, List<GraphValue> inputs) {
    for (Pair<String, Block> pair : block.getChildren()) {
      if (pair.getValue() == child) {
        String childPath = path.isEmpty() ? pair.getKey() : path + "/" + pair.getKey();
        return exporters.exportChild(child, inputs, new ExportScope(graph, exporters, child, childPath));
      }
    }
    throw new IllegalArgumentException(path() + ": " + child.getClass().getSimpleName() + " is not a child of "
        + block.getClass().getSimpleName());
  }

  /**
   * The child the block added under {@code name} (DJL keys children as a two-digit position and
   * the name, e.g. {@code 01norm1}), for blocks that have no getter for it.
   */
  public Block childNamed(String name) {
    for (Pair<String, Block> pair : block.getChildren()) {
      String key = pair.getKey();
      if (key.endsWith(name) && key.substring(0, key.length() - name.length()).chars().allMatch(Character::isDigit)) {
        return pair.getValue();
      }
    }
    throw new IllegalArgumentException(path() + ": " + block.getClass().getSimpleName() + " has no child '" + name + "'");
  }

  /** One of the block's own parameters. */
  public NDArray parameter(String name) {
    return parameter(block, name, this);
  }

  /** A parameter of the given block (the scope's or one of its children, for exporters that write a child inline). */
  public static NDArray parameter(Block owner, String name, ExportScope scope) {
    Parameter p = owner.getDirectParameters().get(name);
    if (p == null || !p.isInitialized()) {
      throw new OnnxExportException(scope.path() + " (" + owner.getClass().getName() + "): parameter '" + name
          + "' is missing or not initialised; initialise the model (or load its weights) before exporting");
    }
    return p.getArray();
  }

  /** Whether the block has a parameter of this name. */
  public boolean hasParameter(String name) {
    return block.getDirectParameters().contains(name);
  }

  /** Adds a parameter of the block as a FLOAT initializer of its own shape; returns its name. */
  public String weight(String name) {
    NDArray array = parameter(name);
    return graph.floats(hint(name), floats(array), array.getShape().getShape());
  }

  /** The array's values in logical row-major order, whatever its memory layout. */
  public static float[] floats(NDArray array) {
    // A channels-last view copies to a contiguous array first, so the order is the logical one.
    try (NDArray contiguous = array.duplicate()) {
      return contiguous.toFloatArray();
    }
  }

  /** Wraps output names with the block's traced output shapes. */
  static List<GraphValue> values(Block block, List<GraphValue> inputs, List<String> names) {
    Shape[] in = inputs.stream().map(GraphValue::shape).toArray(Shape[]::new);
    Shape[] out = block.getOutputShapes(in);
    if (out.length != names.size()) {
      throw new IllegalStateException(block.getClass().getName() + ": the exporter wrote " + names.size()
          + " outputs, the block has " + out.length);
    }
    List<GraphValue> values = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      values.add(new GraphValue(names.get(i), out[i]));
    }
    return values;
  }
}
