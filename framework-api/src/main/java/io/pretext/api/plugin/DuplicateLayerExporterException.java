package io.pretext.api.plugin;

/** Two plugin modules register an ONNX writer for the same layer class; the message names both origins. */
public class DuplicateLayerExporterException extends PluginException {
  private static final long serialVersionUID = 1L;

  public DuplicateLayerExporterException(LayerExporterRegistration<?> first, LayerExporterRegistration<?> second) {
    super("Two plugins register an ONNX writer for the layer " + first.layer().getName() + ": one from "
        + first.origin() + ", and one from " + second.origin()
        + ". Remove one of the jars from the classpath; a layer class has one writer.");
  }
}
