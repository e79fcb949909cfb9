package io.github.ecrdeploy.testbed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ECR API call the emulator received, in arrival order.
 *
 * @param operation the operation name from {@code X-Amz-Target}, e.g. {@code PutImage}
 * @param request the request body as sent
 * @param errorType the {@code __type} the emulator answered with, or null for a success
 */
public record RecordedCall(String operation, JsonNode request, String errorType) {}
