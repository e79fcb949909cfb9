// Twenty modules, three tags each, pushed by one -T 4 build while the emulator throttled PutImage and the batch calls:
// the build succeeds with the default <retries>, every tag is in the registry, and the throttled calls that were
// retried are counted per push (push.json, log) and for the reactor (reactor-summary.json, summary line).
import groovy.json.JsonSlurper

// first remove the limits, so that a failure here leaves no throttling to the ITs after this one
def connection = new URL(itEmulatorEndpoint + '/_emulator/rate-limits').openConnection()
connection.requestMethod = 'DELETE'
assert connection.responseCode == 200
def limits = new JsonSlurper().parse(connection.inputStream)

def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('thread count of 4') : 'the build did not run with -T 4'
assert log.contains('BUILD SUCCESS')
assert limits.limits.keySet() == ['BatchCheckLayerAvailability', 'BatchGetImage', 'PutImage'] as Set

int throttledAnswers = limits.throttled.values().sum(0)
assert throttledAnswers > 0 : "the emulator never throttled: ${limits}"
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert calls.count { it.errorType == 'ThrottlingException' } == throttledAnswers

def modules = (1..20).collect { String.format('m%02d', it) }
def tags = ['1.0.0', 'latest', 'release-2026.01']
int retriedInPushes = 0
def digests = [] as Set
for (module in modules) {
    def image = support.json(new File(basedir, "${module}/target/ecr-deploy/image.json"))
    def push = support.json(new File(basedir, "${module}/target/ecr-deploy/push.json"))
    assert push.digest == image.digest
    assert push.tags == tags
    for (tag in tags) {
        assert support.skopeoDigest(itRegistry, "it/deploy-reactor-throttled/${module}", tag, itRegistryUser, itRegistryPassword) == image.digest
    }
    assert push.throttlingRetries >= 0
    retriedInPushes += push.throttlingRetries
    digests << image.digest
}
assert digests.size() == 20 : 'twenty different images'
assert calls.count { it.operation == 'PutImage' && it.errorType == null } == 60 : 'one PutImage per tag'

// each retry after a throttled answer counted once; a throttled call whose answer the push no longer needed (the
// preflight's image lookup, abandoned when the repository turns out to be new) is not retried, hence at most
assert retriedInPushes > 0
assert retriedInPushes <= throttledAnswers
assert (log =~ /Retrying ECR \w+ \(attempt=\d+; max=6\) after HTTP 400 ThrottlingException/).count == retriedInPushes
def perPushLines = log.readLines().findAll { it =~ /ECR throttled \d+ API call\(s\) of this push; retried with backoff/ }
assert perPushLines.size() == modules.count { support.json(new File(basedir, "${it}/target/ecr-deploy/push.json")).throttlingRetries > 0 }

def summary = support.json(new File(basedir, 'target/ecr-deploy/reactor-summary.json'))
assert summary.complete == true
assert summary.modules*.module == modules
assert summary.modules*.result.every { it == 'pushed' }
assert summary.throttlingRetries == retriedInPushes
assert summary.modules*.throttlingRetries.sum() == retriedInPushes
def header = log.readLines().find { it.contains('Reactor images: ') }
assert header.contains("20 module(s), 20 pushed, 0 failed") : header
assert header.contains(", ${retriedInPushes} ECR call(s) retried after throttling") : header
return true
