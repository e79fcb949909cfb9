package io.github.ecrdeploy.ecr;

import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Runs one ECR API call and turns SDK failures into messages that say what to fix. */
final class EcrCalls {
  private EcrCalls() {}

  /**
   * An SDK call; it may catch the exceptions of its operation that mean something particular and
   * throw an {@link EcrDeployException} that says so.
   */
  @FunctionalInterface
  interface Call<T> {
    T run() throws EcrDeployException;
  }

  static <T> T call(String operation, Call<T> call) throws EcrDeployException {
    try {
      return call.run();
    } catch (AwsServiceException e) {
      throw serviceFailure(operation, e);
    } catch (SdkClientException e) {
      throw clientFailure(operation, e);
    }
  }

  private static EcrDeployException serviceFailure(String operation, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    String message =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    String hint =
        switch (code == null ? "" : code) {
          case "AccessDeniedException" ->
              " Grant the IAM permission ecr:"
                  + operation
                  + " to the credentials in use; with <registryId> naming another account, that"
                  + " repository's policy must also grant it to them (see docs/push.md).";
          case "UnrecognizedClientException",
              "InvalidSignatureException",
              "ExpiredTokenException" ->
              " The AWS credentials are invalid or expired: refresh them (aws sso login, new"
                  + " session token).";
          case "ThrottlingException" ->
              " ECR kept throttling after all retries: raise <retries> or try again later.";
          default ->
              e.statusCode() >= 500
                  ? " ECR kept failing after all retries: run deploy again later, or raise"
                      + " <retries>."
                  : "";
        };
    return new EcrDeployException(
        "ECR " + operation + " failed: " + code + ": " + message + "." + hint, e);
  }

  private static EcrDeployException clientFailure(String operation, SdkClientException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Unable to load credentials")) {
      return new EcrDeployException(
          "No AWS credentials for ECR "
              + operation
              + ": set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an AWS profile (<profile>,"
              + " ecr.profile or AWS_PROFILE), SSO, web identity (CI OIDC) or a container/instance"
              + " role",
          e);
    }
    String cause = firstLine(message);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        cause = "unknown host " + t.getMessage();
      }
    }
    return new EcrDeployException(
        "Cannot reach the ECR API for "
            + operation
            + ": "
            + (cause.endsWith(".") ? cause.substring(0, cause.length() - 1) : cause)
            + ". Check <endpoint>, <region> and the network.",
        e);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
