/**
 * ECR: connection, registry logins, repositories, the push, tag promotion and the lifecycle API.
 *
 * <p>The push of what build made, in five steps:
 *
 * <ol>
 *   <li>{@code maven.PushMojo} reads image.json and the configuration and calls {@link
 *       io.github.ecrdeploy.ecr.EcrPush#push} once; it chooses between one image and an index.
 *   <li>{@link io.github.ecrdeploy.ecr.PushPreflight}: login, repository, one {@code BatchGetImage}
 *       for the image (or index and its platform images) and the tags; IMMUTABLE conflicts fail.
 *   <li>{@link io.github.ecrdeploy.ecr.JibUpload}: each image the repository lacks goes up by
 *       digest, only its missing layers ({@link io.github.ecrdeploy.ecr.LayerAvailabilityCheck}).
 *   <li>{@link io.github.ecrdeploy.ecr.IndexUpload}: with {@code <platforms>}, the index build
 *       wrote is put by digest once its platform images are there.
 *   <li>{@link io.github.ecrdeploy.ecr.TagWriter} points the tags at the pushed digest; {@link
 *       io.github.ecrdeploy.ecr.EcrPush} returns the one {@link
 *       io.github.ecrdeploy.ecr.PushResult}.
 * </ol>
 */
package io.github.ecrdeploy.ecr;
