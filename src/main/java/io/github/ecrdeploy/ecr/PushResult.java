package io.github.ecrdeploy.ecr;

import java.util.List;

/**
 * What {@code push} did, written to {@code target/ecr-deploy/push.json}.
 *
 * @param imageUri {@code host/repo@digest}
 * @param digest the pushed manifest digest (equal to image.json's)
 * @param repository the ECR repository
 * @param registry the registry host
 * @param tags every configured tag (all point at {@code digest} afterwards)
 * @param tagsMoved tags that were created or moved by this push
 * @param tagsUnchanged tags that already pointed at {@code digest}
 * @param layersUploaded layers the repository did not have
 * @param layersSkipped layers already in the repository
 * @param bytesUploaded compressed bytes of the uploaded layers
 * @param tagMutability the repository's tag mutability (MUTABLE, IMMUTABLE), so that {@code health} can refuse
 *     {@code <promoteTags>} in an IMMUTABLE repository before any network call
 */
public record PushResult(
    String imageUri,
    String digest,
    String repository,
    String registry,
    List<String> tags,
    List<String> tagsMoved,
    List<String> tagsUnchanged,
    int layersUploaded,
    int layersSkipped,
    long bytesUploaded,
    String tagMutability) {}
