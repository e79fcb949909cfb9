package io.github.ecrdeploy.ecr;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Jib uploads with during one push attempt. Jib shuts its own pool down without
 * waiting, so after a failed attempt the uploads of other layers would go on beside the retry (or
 * after the goal has failed). Closing stops them and waits until they have ended.
 */
final class UploadThreads implements AutoCloseable {
  private static final long STOP_WAIT_SECONDS = 30;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "ecr-deploy-upload-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  ExecutorService pool() {
    return pool;
  }

  /** Interrupts the uploads still running and waits (at most 30 s) until they have ended. */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
