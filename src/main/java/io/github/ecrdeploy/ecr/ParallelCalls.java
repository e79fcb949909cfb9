package io.github.ecrdeploy.ecr;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent ECR API calls at the same time, so that a push waits for one round trip instead
 * of one per call. A call's failure surfaces, unchanged, when its result is taken; closing cancels
 * calls whose result nobody took.
 */
final class ParallelCalls implements AutoCloseable {
  /** One call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws EcrDeployException;
  }

  /** The result of a started call. */
  static final class Pending<T> {
    private final Future<T> future;

    private Pending(Future<T> future) {
      this.future = future;
    }

    /** Waits for the call; rethrows its failure. */
    T get() throws EcrDeployException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EcrDeployException("Interrupted while waiting for ECR", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof EcrDeployException failure) {
          throw failure;
        }
        if (cause instanceof RuntimeException unchecked) {
          throw unchecked;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new EcrDeployException(String.valueOf(cause), cause);
      }
    }
  }

  private static final AtomicInteger THREADS = new AtomicInteger();
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "ecr-deploy-ecr-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  <T> Pending<T> start(Call<T> call) {
    return new Pending<>(pool.submit(call::run));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
