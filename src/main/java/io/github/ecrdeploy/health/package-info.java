/**
 * The health gate: after a roll-out ({@link io.github.ecrdeploy.health.DeployCommandRunner}) or in
 * a local container ({@link io.github.ecrdeploy.health.SmokeRun}), every configured HTTP endpoint
 * must pass {@code <successThreshold>} times in a row within {@code <timeout>} ({@link
 * io.github.ecrdeploy.health.HealthGate}).
 *
 * <p>POM beans ({@link io.github.ecrdeploy.health.HealthConfig}, {@link
 * io.github.ecrdeploy.health.EndpointConfig}, {@link io.github.ecrdeploy.health.SmokeConfig}) are
 * checked by {@link io.github.ecrdeploy.health.HealthConfigValidator} before any network call. The
 * gate only says green or red; promoting tags is the {@code ecr} package's job.
 */
package io.github.ecrdeploy.health;
