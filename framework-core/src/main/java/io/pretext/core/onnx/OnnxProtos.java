package io.pretext.core.onnx;

import com.google.protobuf.ByteString;
import io.pretext.api.onnx.OnnxAttribute;
import io.pretext.api.onnx.OnnxGraph;
import io.pretext.api.onnx.OnnxInitializer;
import io.pretext.api.onnx.OnnxNode;
import io.pretext.api.onnx.OnnxValueInfo;
import io.pretext.core.onnx.proto.AttributeProto;
import io.pretext.core.onnx.proto.GraphProto;
import io.pretext.core.onnx.proto.NodeProto;
import io.pretext.core.onnx.proto.TensorProto;
import io.pretext.core.onnx.proto.TensorShapeProto;
import io.pretext.core.onnx.proto.TypeProto;
import io.pretext.core.onnx.proto.ValueInfoProto;

/** Turns the in-memory {@link OnnxGraph} that the layer exporters build into ONNX's protobuf GraphProto. */
final class OnnxProtos {
  private OnnxProtos() {}

  /** The graph with its nodes, initializers, inputs and outputs in the order they were added. */
  static GraphProto graph(OnnxGraph graph) {
    GraphProto.Builder proto = GraphProto.newBuilder().setName(graph.name());
    for (OnnxNode node : graph.nodes()) {
      proto.addNode(node(node));
    }
    for (OnnxInitializer initializer : graph.initializers()) {
      proto.addInitializer(TensorProto.newBuilder()
          .setName(initializer.name())
          .setDataType(initializer.type().code())
          .addAllDims(initializer.dims())
          .setRawData(ByteString.copyFrom(initializer.data())));
    }
    graph.inputs().forEach(v -> proto.addInput(valueInfo(v)));
    graph.outputs().forEach(v -> proto.addOutput(valueInfo(v)));
    return proto.build();
  }

  private static NodeProto node(OnnxNode node) {
    NodeProto.Builder proto = NodeProto.newBuilder()
        .setOpType(node.opType())
        .setName(node.name())
        .addAllInput(node.inputs())
        .addAllOutput(node.outputs());
    node.attributes().forEach(a -> proto.addAttribute(attribute(a)));
    return proto.build();
  }

  private static AttributeProto attribute(OnnxAttribute attribute) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute.name());
    if (attribute instanceof OnnxAttribute.IntAttribute i) {
      a.setType(AttributeProto.AttributeType.INT).setI(i.value());
    } else if (attribute instanceof OnnxAttribute.FloatAttribute f) {
      a.setType(AttributeProto.AttributeType.FLOAT).setF(f.value());
    } else if (attribute instanceof OnnxAttribute.StringAttribute s) {
      a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s.value()));
    } else if (attribute instanceof OnnxAttribute.IntsAttribute i) {
      a.setType(AttributeProto.AttributeType.INTS).addAllInts(i.values());
    } else if (attribute instanceof OnnxAttribute.FloatsAttribute f) {
      a.setType(AttributeProto.AttributeType.FLOATS).addAllFloats(f.values());
    } else {
      throw new IllegalArgumentException("unknown attribute type " + attribute.getClass().getName());
    }
    return a.build();
  }

  private static ValueInfoProto valueInfo(OnnxValueInfo value) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : value.dims()) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof String symbol) {
        dim.setDimParam(symbol);
      } else {
        dim.setDimValue((Long) d);
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(value.type().code()).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(value.name()).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
  }
}
