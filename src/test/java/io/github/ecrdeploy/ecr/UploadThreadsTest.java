package io.github.ecrdeploy.ecr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UploadThreadsTest {
  @Test
  void closingStopsARunningUploadAndWaitsUntilItHasEnded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean ended = new AtomicBoolean();
    UploadThreads threads = new UploadThreads();
    threads
        .pool()
        .submit(
            () -> {
              started.countDown();
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
              } catch (InterruptedException e) {
                // what a blocked upload sees when its attempt is over
              }
              ended.set(true);
            });
    assertTrue(started.await(10, TimeUnit.SECONDS));

    threads.close();

    assertTrue(ended.get(), "close() returned before the upload had ended");
    assertTrue(threads.pool().isTerminated());
  }
}
