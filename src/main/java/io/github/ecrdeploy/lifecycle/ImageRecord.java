package io.github.ecrdeploy.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An image in the repository as lifecycle evaluation sees it (from ECR's {@code DescribeImages}).
 *
 * @param digest the manifest digest, e.g. {@code sha256:...}; the unit a rule acts on
 * @param tags the image's tags, empty when untagged
 * @param pushedAt {@code imagePushedAt}: when the manifest was first pushed (re-tagging does not
 *     change it)
 * @param lastPulledAt {@code lastRecordedPullTime}, or {@code null} if never pulled
 * @param storageClass {@link StorageClass#ARCHIVE} for archived images, else standard
 * @param lastTransitionedAt {@code lastArchivedAt}, or {@code null}
 * @param lastActivatedAt {@code lastActivatedAt}: when the image was restored from the archive, or
 *     {@code null}
 */
public record ImageRecord(
    String digest,
    List<String> tags,
    Instant pushedAt,
    Instant lastPulledAt,
    StorageClass storageClass,
    Instant lastTransitionedAt,
    Instant lastActivatedAt) {

  public ImageRecord {
    Objects.requireNonNull(digest, "digest");
    tags = tags == null ? List.of() : List.copyOf(tags);
    Objects.requireNonNull(pushedAt, "pushedAt");
    Objects.requireNonNull(storageClass, "storageClass");
  }
}
