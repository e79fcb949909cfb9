package io.github.ecrdeploy.image;

import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Jib's "Docker daemon" target without a daemon: Jib hands the finished OCI archive to {@link
 * #load}, which reads the manifest out of the stream as it passes ({@link TarEntryCollector}) and
 * writes the archive to a file only when one is wanted. So the build learns the manifest without
 * writing {@code image.tar} and reading it back.
 */
final class ArchiveCapture implements DockerClient {
  private final Path archive;
  private ImageTarball captured;

  /**
   * @param archive where to write the archive too; null for nowhere
   */
  ArchiveCapture(Path archive) {
    this.archive = archive;
  }

  @Override
  public String load(
      com.google.cloud.tools.jib.image.ImageTarball imageTarball,
      Consumer<Long> writtenByteCountListener)
      throws IOException {
    TarEntryCollector collector = ImageTarball.collector();
    if (archive == null) {
      imageTarball.writeTo(collector);
    } else {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
        imageTarball.writeTo(new Tee(file, collector));
      }
    }
    captured = ImageTarball.of(collector, archive == null ? "the built image" : archive.toString());
    return "";
  }

  /** The archive Jib produced; only after the build. */
  ImageTarball captured() throws IOException {
    if (captured == null) {
      throw new IOException("Jib finished without producing the image archive");
    }
    return captured;
  }

  /** Only used for {@code docker://} base images, which are not supported. */
  @Override
  public boolean supported(Map<String, String> parameters) {
    return false;
  }

  @Override
  public void save(ImageReference imageReference, Path outputPath, Consumer<Long> listener) {
    throw new UnsupportedOperationException("no Docker daemon: docker:// base images");
  }

  @Override
  public ImageDetails inspect(ImageReference imageReference) {
    throw new UnsupportedOperationException("no Docker daemon: docker:// base images");
  }

  /** Writes to a file and the collector at once. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }
  }
}
