package io.github.ecrdeploy.testbed;

/**
 * An ECR error as it goes on the wire: {@code __type}, {@code message} and HTTP status (400 for
 * client errors, 500 for {@code ServerException}). The factory methods carry the message texts of
 * ecr-api.md §2.2.
 */
final class EcrServiceError extends RuntimeException {

  private final String type;
  private final int status;

  EcrServiceError(String type, String message, int status) {
    super(message);
    this.type = type;
    this.status = status;
  }

  EcrServiceError(String type, String message) {
    this(type, message, 400);
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  /** {@code Invalid parameter at '<field>' failed to satisfy constraint: '<constraint>'}. */
  static EcrServiceError invalidParameter(String field, String constraint) {
    return new EcrServiceError(
        "InvalidParameterException",
        "Invalid parameter at '" + field + "' failed to satisfy constraint: '" + constraint + "'");
  }

  static EcrServiceError lifecyclePolicyInvalid(String detail) {
    return invalidParameter(
        "LifecyclePolicyText", "Lifecycle policy validation failure: " + detail);
  }

  static EcrServiceError repositoryNotFound(String name, String registryId) {
    return new EcrServiceError(
        "RepositoryNotFoundException",
        "The repository with name '"
            + name
            + "' does not exist in the registry with id '"
            + registryId
            + "'");
  }

  static EcrServiceError repositoryAlreadyExists(String name, String registryId) {
    return new EcrServiceError(
        "RepositoryAlreadyExistsException",
        "The repository with name '"
            + name
            + "' already exists in the registry with id '"
            + registryId
            + "'");
  }

  static EcrServiceError lifecyclePolicyNotFound(String name, String registryId) {
    return new EcrServiceError(
        "LifecyclePolicyNotFoundException",
        "Lifecycle policy does not exist for the "
            + "repository with name '"
            + name
            + "' in the registry with id '"
            + registryId
            + "'");
  }

  static EcrServiceError imageNotFound(String digest, String tag, String name, String registryId) {
    return new EcrServiceError(
        "ImageNotFoundException",
        "The image with imageId {imageDigest:'"
            + digest
            + "', imageTag:'"
            + tag
            + "'} does not exist within the repository with name '"
            + name
            + "' in the registry with id '"
            + registryId
            + "'");
  }

  static EcrServiceError imageAlreadyExists(
      String digest, String tag, String name, String registryId) {
    return new EcrServiceError(
        "ImageAlreadyExistsException",
        "Image with digest '"
            + digest
            + "' and tag '"
            + tag
            + "' already exists in the repository with name '"
            + name
            + "' in registry with id '"
            + registryId
            + "'");
  }

  static EcrServiceError imageTagAlreadyExists(String tag, String name) {
    return new EcrServiceError(
        "ImageTagAlreadyExistsException",
        "The image tag '"
            + tag
            + "' already exists in the '"
            + name
            + "' repository and cannot be overwritten because the tag is immutable.");
  }

  static EcrServiceError serverError(String message) {
    return new EcrServiceError("ServerException", message, 500);
  }
}
