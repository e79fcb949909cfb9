/**
 * The image: a layered, reproducible image of the packaged jar, built with Jib without a daemon.
 *
 * <p>Its part in the push pipeline (see {@code io.github.ecrdeploy.ecr}):
 *
 * <ol>
 *   <li>{@link io.github.ecrdeploy.image.ImageBuilder} (or {@link
 *       io.github.ecrdeploy.image.MultiPlatformBuilder} with {@code <platforms>}) builds at
 *       package.
 *   <li>It writes {@code image.json} ({@link io.github.ecrdeploy.image.BuiltImage}) and, per image,
 *       {@code manifest.json}, the application layer cache and {@code image-index.json}.
 *   <li>{@link io.github.ecrdeploy.image.BuiltImage#directory()} is where push finds those files.
 *   <li>{@link io.github.ecrdeploy.image.ContainerPlanner} plans the same image again for the
 *       upload; {@link io.github.ecrdeploy.image.SpecFingerprint} tells when push's spec is not
 *       build's.
 *   <li>{@link io.github.ecrdeploy.image.PushProgress} reports each layer's upload.
 * </ol>
 */
package io.github.ecrdeploy.image;
