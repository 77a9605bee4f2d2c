package io.pretext.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saves and restores what an optimizer keeps between steps, so that a resumed run takes the same
 * next step: Adam's first and second moments, SGD's and LARS's momentum, and the per-parameter update
 * counts (Adam's bias correction and the learning-rate schedule's position both follow them). DJL's
 * optimizers keep this state in private maps keyed by a parameter's random id; it is read here by
 * reflection and keyed by the parameter's name in the block, which a new model of the same
 * structure shares. Wrapping optimizers (e.g. one that routes matrices and vectors to two inner
 * ones) are walked through their {@link Optimizer} fields.
 *
 * <p>The format: the int {@value #MAGIC}, then per state field (in a fixed order) its path (UTF),
 * a kind byte (0 an int, 1 a map of counts, 2 a map of arrays), and its content: the int; or a count
 * and per parameter its name (UTF) and the count; or a count and per parameter its name (UTF) and
 * the array as {@link NDArray#encode}.
 */
final class OptimizerState {
  /** The first int of an optimizer-state file ("PTXO"). */
  static final int MAGIC = 0x5054584f;
  private static final byte INT = 0;
  private static final byte COUNTS = 1;
  private static final byte ARRAYS = 2;

  private OptimizerState() {}

  /** Writes the optimizer's state, its parameters named as in {@code block}. */
  static void save(Optimizer optimizer, Block block, DataOutputStream out) throws IOException {
    Map<String, String> names = new HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      names.put(p.getValue().getId(), p.getKey());
    }
    List<Slot> slots = new ArrayList<>();
    collect(optimizer, optimizer.getClass().getSimpleName(), slots);
    out.writeInt(MAGIC);
    out.writeInt(slots.size());
    for (Slot slot : slots) {
      out.writeUTF(slot.path);
      Object value = slot.get();
      if (slot.field.getType() == int.class) {
        out.writeByte(INT);
        out.writeInt((Integer) value);
        continue;
      }
      Map<?, ?> map = (Map<?, ?>) value;
      boolean arrays = map.values().stream().anyMatch(v -> v instanceof Map);
      out.writeByte(arrays ? ARRAYS : COUNTS);
      TreeMap<String, Object> byName = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = names.get((String) e.getKey());
        if (name == null) {
          throw new IOException("optimizer state for a parameter that is not in the model (" + slot.path + ")");
        }
        byName.put(name, e.getValue());
      }
      out.writeInt(byName.size());
      for (Map.Entry<String, Object> e : byName.entrySet()) {
        out.writeUTF(e.getKey());
        if (arrays) {
          Map<?, ?> perDevice = (Map<?, ?>) e.getValue();
          if (perDevice.size() != 1) {
            throw new IOException("optimizer state on " + perDevice.size() + " devices is not supported");
          }
          byte[] bytes = ((NDArray) perDevice.values().iterator().next()).encode();
          out.writeInt(bytes.length);
          out.write(bytes);
        } else {
          out.writeInt((Integer) e.getValue());
        }
      }
    }
  }

  /** Restores state written by {@link #save} into a fresh optimizer of the same kind, on {@code device}. */
  static void load(Optimizer optimizer, Block block, DataInputStream in, NDManager manager, Device device)
      throws IOException {
    Map<String, String> ids = new HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      ids.put(p.getKey(), p.getValue().getId());
    }
    if (in.readInt() != MAGIC) {
      throw new IOException("not an optimizer-state file");
    }
    List<Slot> slots = new ArrayList<>();
    collect(optimizer, optimizer.getClass().getSimpleName(), slots);
    Map<String, Slot> byPath = new HashMap<>();
    slots.forEach(s -> byPath.put(s.path, s));
    int count = in.readInt();
    if (count != slots.size()) {
      throw new IOException("the optimizer-state file has " + count + " fields, the optimizer " + slots.size()
          + "; was the checkpoint written with another optimizer?");
    }
    for (int i = 0; i < count; i++) {
      String path = in.readUTF();
      Slot slot = byPath.get(path);
      if (slot == null) {
        throw new IOException("the optimizer has no state field " + path + "; was the checkpoint written with another optimizer?");
      }
      byte kind = in.readByte();
      if (kind == INT) {
        slot.set(in.readInt());
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) slot.get();
      map.clear();
      int n = in.readInt();
      for (int j = 0; j < n; j++) {
        String name = in.readUTF();
        String id = ids.get(name);
        if (id == null) {
          throw new IOException("optimizer state for parameter " + name + ", which the model does not have");
        }
        if (kind == ARRAYS) {
          byte[] bytes = in.readNBytes(in.readInt());
          NDArray array = manager.decode(bytes).toDevice(device, false);
          array.attach(manager);
          Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
          perDevice.put(device, array);
          map.put(id, perDevice);
        } else {
          map.put(id, in.readInt());
        }
      }
    }
  }

  private static void collect(Optimizer optimizer, String path, List<Slot> slots) throws IOException {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = optimizer.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          fields.add(f);
        }
      }
    }
    fields.sort(Comparator.comparing((Field f) -> f.getDeclaringClass().getName()).thenComparing(Field::getName));
    for (Field f : fields) {
      try {
        f.setAccessible(true);
      } catch (RuntimeException e) {
        throw new IOException("cannot read the state of optimizer " + optimizer.getClass().getName() + ": " + e, e);
      }
      String fieldPath = path + "." + f.getDeclaringClass().getSimpleName() + "." + f.getName();
      if (Optimizer.class.isAssignableFrom(f.getType())) {
        collect((Optimizer) Slot.read(f, optimizer), fieldPath, slots);
      } else if (Map.class.isAssignableFrom(f.getType())
          || (f.getType() == int.class && !Modifier.isFinal(f.getModifiers()))) {
        slots.add(new Slot(fieldPath, f, optimizer));
      }
    }
  }

  /** One state field of one optimizer. */
  private record Slot(String path, Field field, Object owner) {
    Object get() throws IOException {
      return read(field, owner);
    }

    void set(int value) throws IOException {
      try {
        field.setInt(owner, value);
      } catch (IllegalAccessException e) {
        throw new IOException("cannot restore optimizer field " + path, e);
      }
    }

    static Object read(Field field, Object owner) throws IOException {
      try {
        return field.get(owner);
      } catch (IllegalAccessException e) {
        throw new IOException("cannot read optimizer field " + field.getName(), e);
      }
    }
  }
}
