package io.pretext.core.train;

import io.pretext.api.io.AtomicFiles;
import io.pretext.core.integrity.CorruptFileException;
import io.pretext.core.integrity.RunManifest;
import java.time.Instant;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.pretext.api.spi.TaskState;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a block's parameters as numbered checkpoints ({@code step-000200.params} plus a JSON
 * sidecar with step, epoch and loss) and loads the newest back. A task's state that is not a
 * parameter ({@link TaskState}: a queue, a centre) goes into {@code step-000200.state} beside them;
 * checkpoints without one (older runs, tasks without state) load as before. Each file is written to
 * a temporary file in the same folder, synced, then atomically renamed, the sidecar last, so a crash
 * never leaves a half-written checkpoint; only the newest {@code keep} checkpoints are kept.
 *
 * <p>The state file: the int {@value #STATE_MAGIC}, an int count, then per state its name (UTF),
 * its length in bytes (int) and what its {@link TaskState#save} wrote.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final Pattern SIDECAR = Pattern.compile("step-(\\d+)\\.json");
  /** The temporary files {@link AtomicFiles} makes for this store's own files. */
  private static final Pattern OWN_TEMP = Pattern.compile("\\.step-\\d+\\.(params|json|state|optim).*\\" + AtomicFiles.TEMP_SUFFIX);
  /** The first int of a task-state file ("PTXS"). */
  static final int STATE_MAGIC = 0x50545853;
  /** The test-only environment variable that pauses checkpoint writes (milliseconds). */
  public static final String PAUSE_ENV = "PRETEXT_TEST_CHECKPOINT_PAUSE_MS";
  private final Gson gson = new Gson();
  private final Path folder;
  private final int keep;
  private final RunManifest manifest;

  /**
   * One complete checkpoint on disk.
   *
   * @param state the task-state file, when the checkpoint has one
   */
  public record Checkpoint(long step, int epoch, double loss, Path parameters, Path sidecar, Optional<Path> state,
      Optional<Path> optimizer) {
    /** Without optimizer state (a checkpoint that cannot be resumed exactly, only warm-started from). */
    public Checkpoint(long step, int epoch, double loss, Path parameters, Path sidecar, Optional<Path> state) {
      this(step, epoch, loss, parameters, sidecar, state, Optional.empty());
    }
  }

  /** Writes what an optimizer keeps between steps (see {@link OptimizerState}). */
  @FunctionalInterface
  interface OptimizerWriter {
    void write(DataOutputStream out) throws IOException;
  }

  /**
   * @param folder where checkpoints live (created when missing; this store's own stale temporary
   *     files, older than this process, are removed). Their sha256 go into the run's
   *     {@link RunManifest}: the parent's when the folder is a run's {@code checkpoints/}, else
   *     one in the folder itself
   * @param keep how many of the newest checkpoints to keep, at least 1
   */
  public CheckpointStore(Path folder, int keep) {
    this(folder, keep, ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH));
  }

  /**
   * @param staleBefore temporary checkpoint files last modified before this instant belong to a
   *     writer that is gone and are removed; newer ones (another writer's file in progress) stay
   */
  public CheckpointStore(Path folder, int keep, Instant staleBefore) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.folder = folder;
    this.keep = keep;
    Path absolute = folder.toAbsolutePath().normalize();
    boolean inRun = absolute.getFileName() != null && absolute.getFileName().toString().equals("checkpoints")
        && absolute.getParent() != null;
    this.manifest = RunManifest.of(inRun ? absolute.getParent() : absolute);
    try {
      Files.createDirectories(folder);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (OWN_TEMP.matcher(p.getFileName().toString()).matches()
              && Files.getLastModifiedTime(p).toInstant().isBefore(staleBefore)) {
            LOG.info("removing the stale temporary checkpoint file {}", p);
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw RunDirectory.ioFailure("prepare checkpoint folder", folder, e);
    }
  }

  public Path folder() {
    return folder;
  }

  /** Writes the block's parameters as the checkpoint of a step, then drops the oldest beyond {@code keep}. */
  public Checkpoint save(Block block, long step, int epoch, double loss) {
    return save(block, Map.of(), step, epoch, loss);
  }

  /**
   * Writes the block's parameters and the task's state (when it has any) as the checkpoint of a
   * step, then drops the oldest beyond {@code keep}.
   */
  public Checkpoint save(Block block, Map<String, TaskState> state, long step, int epoch, double loss) {
    return save(block, state, Optional.empty(), step, epoch, loss);
  }

  /**
   * As {@link #save(Block, Map, long, int, double)}, with the optimizer's state in {@code
   * step-000200.optim} when {@code optimizer} is given: what {@code pretext resume} needs.
   */
  Checkpoint save(Block block, Map<String, TaskState> state, Optional<OptimizerWriter> optimizer, long step, int epoch,
      double loss) {
    String base = String.format(Locale.ROOT, "step-%06d", step);
    Path params = folder.resolve(base + ".params");
    Path sidecar = folder.resolve(base + ".json");
    Optional<Path> stateFile = state.isEmpty() ? Optional.empty() : Optional.of(folder.resolve(base + ".state"));
    Optional<Path> optimFile = optimizer.map(o -> folder.resolve(base + ".optim"));
    long start = System.nanoTime();
    try {
      AtomicFiles.write(params, out -> {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
      });
      if (stateFile.isPresent()) {
        byte[] bytes = encode(state);
        AtomicFiles.write(stateFile.get(), out -> out.write(bytes));
      }
      if (optimFile.isPresent()) {
        AtomicFiles.write(optimFile.get(), out -> {
          DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out));
          optimizer.get().write(data);
          data.flush();
        });
      }
      pauseForTests();
      JsonObject meta = new JsonObject();
      meta.addProperty("step", step);
      meta.addProperty("epoch", epoch);
      meta.addProperty("loss", loss);
      meta.addProperty("parameters", params.getFileName().toString());
      stateFile.ifPresent(f -> meta.addProperty("state", f.getFileName().toString()));
      if (optimizer.isPresent()) {
        meta.addProperty("optimizer", base + ".optim");
      }
      byte[] json = gson.toJson(meta).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(sidecar, out -> out.write(json));
      syncFolder();
      manifest.record(params);
      if (stateFile.isPresent()) {
        manifest.record(stateFile.get());
      }
      if (optimFile.isPresent()) {
        manifest.record(optimFile.get());
      }
    } catch (IOException e) {
      throw RunDirectory.ioFailure("write checkpoint", params, e);
    }
    // The time is what bench/checkpoint-cost.sh reads: keep the wording.
    LOG.info(String.format(Locale.ROOT, "checkpoint %s written in %.1f ms (epoch %d, loss %s)", params,
        (System.nanoTime() - start) / 1e6, epoch, loss));
    prune();
    return new Checkpoint(step, epoch, loss, params, sidecar, stateFile,
        optimizer.map(o -> folder.resolve(base + ".optim")));
  }

  /** The complete checkpoints, oldest first. */
  public List<Checkpoint> list() {
    List<Checkpoint> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = SIDECAR.matcher(p.getFileName().toString());
        if (m.matches()) {
          readSidecar(p).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw RunDirectory.ioFailure("list checkpoints in", folder, e);
    }
    out.sort(Comparator.comparingLong(Checkpoint::step));
    return out;
  }

  /**
   * The newest checkpoint whose files match the run's manifest. A corrupt or truncated newer one is
   * reported (a warning naming it and the one used instead) and skipped.
   */
  public Optional<Checkpoint> newestValid() {
    List<Checkpoint> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Checkpoint c = all.get(i);
      try {
        verify(c);
        if (i < all.size() - 1) {
          LOG.warn("falling back to checkpoint {} (step {}), the newest valid one", c.parameters(), c.step());
        }
        return Optional.of(c);
      } catch (CorruptFileException e) {
        LOG.warn("checkpoint of step {} skipped: {}", c.step(), e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Checks a checkpoint's files against the run's manifest; throws {@link CorruptFileException}. */
  public void verify(Checkpoint checkpoint) {
    manifest.verify(checkpoint.parameters());
    checkpoint.state().ifPresent(manifest::verify);
    checkpoint.optimizer().ifPresent(manifest::verify);
  }

  /** The checkpoint with the highest step, if any. */
  public Optional<Checkpoint> latest() {
    List<Checkpoint> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Loads a checkpoint's parameters into a block of the same structure. */
  public void load(Checkpoint checkpoint, Block block, NDManager manager) {
    load(checkpoint, block, Map.of(), manager);
  }

  /**
   * Loads a checkpoint's parameters into a block of the same structure, and its task state into
   * {@code state}, by name. A checkpoint without state (an older run) leaves {@code state} as it is;
   * a state the checkpoint lacks, or one it holds that the task no longer has, is logged.
   */
  public void load(Checkpoint checkpoint, Block block, Map<String, TaskState> state, NDManager manager) {
    verify(checkpoint);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.parameters())))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("Cannot load checkpoint " + checkpoint.parameters() + ": " + e.getMessage(), e);
    }
    if (checkpoint.state().isEmpty()) {
      if (!state.isEmpty()) {
        LOG.info("checkpoint {} has no task state; {} keep their initial values", checkpoint.parameters(), state.keySet());
      }
      return;
    }
    loadState(checkpoint.state().get(), state, manager);
  }

  /** Reads a task-state file into {@code state}, by name; names on one side only are logged. */
  static void loadState(Path file, Map<String, TaskState> state, NDManager manager) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      decode(in, file, state, manager);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot load task state " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] encode(Map<String, TaskState> state) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(all);
    out.writeInt(STATE_MAGIC);
    out.writeInt(state.size());
    for (Map.Entry<String, TaskState> e : new TreeMap<>(state).entrySet()) {
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(one);
      e.getValue().save(data);
      data.flush();
      out.writeUTF(e.getKey());
      out.writeInt(one.size());
      one.writeTo(out);
    }
    out.flush();
    return all.toByteArray();
  }

  private static void decode(DataInputStream in, Path file, Map<String, TaskState> state, NDManager manager)
      throws IOException {
    if (in.readInt() != STATE_MAGIC) {
      throw new IOException("not a task-state file");
    }
    int count = in.readInt();
    Set<String> missing = new TreeSet<>(state.keySet());
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte[] bytes = in.readNBytes(in.readInt());
      TaskState target = state.get(name);
      if (target == null) {
        LOG.warn("task state '{}' in {} is not a state of the task; ignored", name, file);
        continue;
      }
      target.load(new DataInputStream(new ByteArrayInputStream(bytes)), manager);
      missing.remove(name);
    }
    if (!missing.isEmpty()) {
      LOG.warn("{} has no task state {}; they keep their initial values", file, missing);
    }
  }

  /** Loads the newest checkpoint into the block and returns it; throws when there is none. */
  public Checkpoint loadLatest(Block block, NDManager manager) {
    Checkpoint c = latest().orElseThrow(() -> new IllegalStateException("no checkpoint in " + folder));
    load(c, block, manager);
    return c;
  }

  private Optional<Checkpoint> readSidecar(Path sidecar) throws IOException {
    JsonObject meta;
    Path params;
    try {
      meta = gson.fromJson(Files.readString(sidecar, StandardCharsets.UTF_8), JsonObject.class);
      for (String key : new String[] {"parameters", "step", "epoch", "loss"}) {
        if (meta == null || !meta.has(key) || !meta.get(key).isJsonPrimitive()) {
          throw new IllegalArgumentException("it has no \"" + key + "\"");
        }
      }
      meta.get("step").getAsLong();
      meta.get("epoch").getAsInt();
      meta.get("loss").getAsDouble();
      params = folder.resolve(meta.get("parameters").getAsString());
    } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
      LOG.warn("checkpoint sidecar {} is broken ({}); that checkpoint is ignored. Delete the sidecar or"
          + " restore it from a backup.", sidecar, e.getMessage());
      return Optional.empty();
    }
    if (!Files.isRegularFile(params)) {
      LOG.warn("checkpoint sidecar {} has no parameter file {}; ignored", sidecar, params);
      return Optional.empty();
    }
    Optional<Path> state = meta.has("state") ? Optional.of(folder.resolve(meta.get("state").getAsString()))
        : Optional.empty();
    if (state.isPresent() && !Files.isRegularFile(state.get())) {
      LOG.warn("checkpoint sidecar {} has no task-state file {}; ignored", sidecar, state.get());
      return Optional.empty();
    }
    Optional<Path> optim = meta.has("optimizer") ? Optional.of(folder.resolve(meta.get("optimizer").getAsString()))
        : Optional.empty();
    if (optim.isPresent() && !Files.isRegularFile(optim.get())) {
      LOG.warn("checkpoint sidecar {} has no optimizer-state file {}; ignored", sidecar, optim.get());
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(meta.get("step").getAsLong(), meta.get("epoch").getAsInt(),
        meta.get("loss").getAsDouble(), params, sidecar, state, optim));
  }

  private void prune() {
    List<Checkpoint> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      Checkpoint old = all.get(i);
      try {
        Files.deleteIfExists(old.sidecar());
        Files.deleteIfExists(old.parameters());
        if (old.state().isPresent()) {
          Files.deleteIfExists(old.state().get());
        }
        if (old.optimizer().isPresent()) {
          Files.deleteIfExists(old.optimizer().get());
        }
        manifest.forget(old.parameters());
        if (old.state().isPresent()) {
          manifest.forget(old.state().get());
        }
        if (old.optimizer().isPresent()) {
          manifest.forget(old.optimizer().get());
        }
      } catch (IOException e) {
        LOG.warn("cannot delete old checkpoint {}: {}", old.parameters(), e.toString());
      }
    }
  }

  /**
   * Test-only: with the environment variable {@value #PAUSE_ENV} set to milliseconds, each checkpoint
   * write pauses that long after its data files and before its sidecar, so that a test can kill the
   * process inside a checkpoint write.
   */
  private static void pauseForTests() {
    String pause = System.getenv(PAUSE_ENV);
    if (pause == null || pause.isBlank()) {
      return;
    }
    try {
      Thread.sleep(Long.parseLong(pause.trim()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (NumberFormatException e) {
      LOG.warn("{} is not a number of milliseconds: {}", PAUSE_ENV, pause);
    }
  }

  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.trace("cannot sync folder {}: {}", folder, e.toString());
    }
  }
}
