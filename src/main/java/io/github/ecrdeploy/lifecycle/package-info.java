/**
 * ECR lifecycle policies from the POM, without Maven or AWS SDK types.
 *
 * <p>The lifecycle goal calls, in order: {@link
 * io.github.ecrdeploy.lifecycle.PolicyValidator#validate} (POM configuration or {@code
 * <policyFile>} to a checked {@link io.github.ecrdeploy.lifecycle.LifecyclePolicy}), {@link
 * io.github.ecrdeploy.lifecycle.PolicyLinter#lint}, {@link
 * io.github.ecrdeploy.lifecycle.PolicyJson#render}, {@link
 * io.github.ecrdeploy.lifecycle.LifecycleSimulator#simulate}, {@link
 * io.github.ecrdeploy.lifecycle.ProtectedTagGuard#imagesAtRisk} and {@link
 * io.github.ecrdeploy.lifecycle.PolicyDiff#between}.
 *
 * <p>Do not add classes named {@code Rule}, {@code TagPrefix}, {@code TagPattern} or {@code Tag} to
 * this package: Maven looks for a class named after a list element ({@code <rule>} becomes {@code
 * Rule}) in the package of the enclosing bean before it falls back to the list's generic type.
 */
package io.github.ecrdeploy.lifecycle;
