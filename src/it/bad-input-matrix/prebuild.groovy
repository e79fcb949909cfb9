// Before the build: forget the emulator's calls, and open a tripwire port that stands in for the base image registry
// and the health endpoints (the modules reach it as ${bad.tripwire} from .mvn/maven.config); verify.groovy checks
// that nothing called the emulator or connected to the tripwire.
def tripwire = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
def hits = new java.util.concurrent.atomic.AtomicInteger()
Thread.startDaemon('bad-input-tripwire') {
    while (!tripwire.closed) {
        try {
            tripwire.accept().close()
            hits.incrementAndGet()
        } catch (IOException closed) {
            // closed by verify.groovy
        }
    }
}
System.properties.put('ecrdeploy.it.badInput.tripwire', [tripwire, hits])
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dbad.tripwire=127.0.0.1:${tripwire.localPort}\n"
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
