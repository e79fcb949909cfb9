/**
 * The release report: one summary per release of a module, from the reports the goals wrote ({@code
 * image.json}, {@code push.json}, {@code lifecycle.json}, {@code health.json}) and the time each
 * goal took; as {@code release.json}, {@code release.md} and a console block.
 */
package io.github.ecrdeploy.release;
