// The dry run prints and reports what the policy saves: 40 images -> 5, bytes and cost from ECR's imageSizeInBytes.
import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repository = 'examples/lifecycle-storage-savings'
def described = support.ecr(itEmulatorEndpoint, 'DescribeImages', [repositoryName: repository]).imageDetails
assert described.size() == 40
def size = { String tag -> described.find { it.imageTags?.contains(tag) }.imageSizeInBytes as long }
long before = (1..40).sum { size("v$it".toString()) }
long after = (36..40).sum { size("v$it".toString()) }
def cost = { long bytes -> Math.round(bytes / (1L << 30) * 0.10 * 10_000) / 10_000.0 }

def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.dryRun == true && report.applied == false
assert report.simulation.expire.size() == 35 && report.simulation.remaining == 5
def storage = report.storage
assert storage.currency == 'USD'
assert storage.prices.standardPerGbMonth == 0.10 && storage.prices.archivePerGbMonth == 0.10
assert storage.before.images == 40 && storage.before.bytes == before
assert storage.after.images == 5 && storage.after.bytes == after
assert storage.freed.images == 35 && storage.freed.bytes == before - after
assert Math.abs(storage.before.monthlyCost - cost(before)) < 1e-9
assert Math.abs(storage.after.monthlyCost - cost(after)) < 1e-9
assert storage.rules.size() == 1 && storage.rules[0].rulePriority == 3 && storage.rules[0].images == 35
assert storage.rules[0].freedBytes == before - after

def mib = { long bytes -> String.format(Locale.ROOT, '%.1f MiB', bytes / (double) (1L << 20)) }
def dollars = { double d -> String.format(Locale.ROOT, '$%.4f', d) }
def line = "Storage: 40 images, ${mib(before)}, ${dollars(cost(before))}/month -> 5 images, ${mib(after)}, " +
    "${dollars(cost(after))}/month (-${dollars(storage.freed.monthlyCost)}/month)"
def log = new File(basedir, 'build.log').text
assert log.contains(line): "no line\n${line}\nin build.log"
assert log.contains('Dry run: nothing was changed')
// No policy was there before, and none is put by the dry run.
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert !calls.any { it.operation == 'PutLifecyclePolicy' }
def policy = support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicy', [repositoryName: repository])
assert policy.__type?.contains('LifecyclePolicyNotFoundException') || policy.toString().contains('LifecyclePolicyNotFound')
return true
