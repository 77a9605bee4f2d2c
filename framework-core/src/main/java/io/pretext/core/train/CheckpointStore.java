package io.pretext.core.train;

import io.pretext.api.io.AtomicFiles;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a block's parameters as numbered checkpoints ({@code step-000200.params} plus a JSON
 * sidecar with step, epoch and loss) and loads the newest back. Each file is written to a
 * temporary file in the same folder, synced, then atomically renamed, so a crash never leaves a
 * half-written checkpoint; only the newest {@code keep} checkpoints are kept.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final Pattern SIDECAR = Pattern.compile("step-(\\d+)\\.json");
  private final Gson gson = new Gson();
  private final Path folder;
  private final int keep;

  /** One complete checkpoint on disk. */
  public record Checkpoint(long step, int epoch, double loss, Path parameters, Path sidecar) {}

  /**
   * @param folder where checkpoints live (created when missing; stale temporary files are removed)
   * @param keep how many of the newest checkpoints to keep, at least 1
   */
  public CheckpointStore(Path folder, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.folder = folder;
    this.keep = keep;
    try {
      Files.createDirectories(folder);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)) {
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
    String base = String.format(Locale.ROOT, "step-%06d", step);
    Path params = folder.resolve(base + ".params");
    Path sidecar = folder.resolve(base + ".json");
    try {
      AtomicFiles.write(params, out -> {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
      });
      JsonObject meta = new JsonObject();
      meta.addProperty("step", step);
      meta.addProperty("epoch", epoch);
      meta.addProperty("loss", loss);
      meta.addProperty("parameters", params.getFileName().toString());
      byte[] json = gson.toJson(meta).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(sidecar, out -> out.write(json));
      syncFolder();
    } catch (IOException e) {
      throw RunDirectory.ioFailure("write checkpoint", params, e);
    }
    LOG.debug("checkpoint {} written (epoch {}, loss {})", params, epoch, loss);
    prune();
    return new Checkpoint(step, epoch, loss, params, sidecar);
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

  /** The checkpoint with the highest step, if any. */
  public Optional<Checkpoint> latest() {
    List<Checkpoint> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Loads a checkpoint's parameters into a block of the same structure. */
  public void load(Checkpoint checkpoint, Block block, NDManager manager) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.parameters())))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("Cannot load checkpoint " + checkpoint.parameters() + ": " + e.getMessage(), e);
    }
  }

  /** Loads the newest checkpoint into the block and returns it; throws when there is none. */
  public Checkpoint loadLatest(Block block, NDManager manager) {
    Checkpoint c = latest().orElseThrow(() -> new IllegalStateException("no checkpoint in " + folder));
    load(c, block, manager);
    return c;
  }

  private Optional<Checkpoint> readSidecar(Path sidecar) throws IOException {
    JsonObject meta = gson.fromJson(Files.readString(sidecar, StandardCharsets.UTF_8), JsonObject.class);
    Path params = folder.resolve(meta.get("parameters").getAsString());
    if (!Files.isRegularFile(params)) {
      LOG.warn("checkpoint sidecar {} has no parameter file {}; ignored", sidecar, params);
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(meta.get("step").getAsLong(), meta.get("epoch").getAsInt(),
        meta.get("loss").getAsDouble(), params, sidecar));
  }

  private void prune() {
    List<Checkpoint> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      Checkpoint old = all.get(i);
      try {
        Files.deleteIfExists(old.sidecar());
        Files.deleteIfExists(old.parameters());
      } catch (IOException e) {
        LOG.warn("cannot delete old checkpoint {}: {}", old.parameters(), e.toString());
      }
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
