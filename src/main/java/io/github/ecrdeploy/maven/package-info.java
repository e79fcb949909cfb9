/**
 * The Mojos: they translate POM configuration into core calls and core exceptions into {@code
 * MojoExecutionException}s. Bases: {@link io.github.ecrdeploy.maven.AbstractEcrMojo} (every goal),
 * {@link io.github.ecrdeploy.maven.AbstractEcrApiMojo} (goals that call ECR), {@link
 * io.github.ecrdeploy.maven.AbstractRepositoryMojo} (goals that use {@code <repository>}), {@link
 * io.github.ecrdeploy.maven.AbstractImageMojo} (build and push).
 *
 * <p>The push pipeline, from the Maven side:
 *
 * <ol>
 *   <li>{@code build} ({@link io.github.ecrdeploy.maven.BuildMojo}) writes image.json at package.
 *   <li>{@code push} ({@link io.github.ecrdeploy.maven.PushMojo}) checks its configuration (all
 *       problems at once, no network), then reads image.json.
 *   <li>It builds one {@link io.github.ecrdeploy.ecr.EcrPush.Request} (connection, repository,
 *       tags, image.json, the container spec) and calls {@link io.github.ecrdeploy.ecr.EcrPush}.
 *   <li>It writes the {@link io.github.ecrdeploy.ecr.PushResult} to push.json through {@link
 *       io.github.ecrdeploy.JsonReports} and records the module in the reactor summary.
 *   <li>{@code health} ({@link io.github.ecrdeploy.maven.HealthMojo}) reads push.json and promotes.
 * </ol>
 */
package io.github.ecrdeploy.maven;
