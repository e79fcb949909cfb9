package io.github.ecrdeploy.lifecycle;

import java.util.List;

/**
 * One image of ECR's own preview of a policy: what it would do, and by which rule.
 *
 * @param action ECR's action type (EXPIRE, TRANSITION), or null
 */
public record PreviewedImage(
    String digest, List<String> tags, String action, Integer rulePriority) {}
