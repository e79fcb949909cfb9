// v1 and v2 would expire (oldest first), v3 stays; simulation and ECR's preview agree; no policy was put.
import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def digest = { n -> support.json(new File(basedir, "out${n}/push.json")).digest }
def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.dryRun == true && report.applied == false
assert report.simulation.expire*.digest as Set == [digest(1), digest(2)] as Set
assert report.simulation.expire.find { it.digest == digest(1) }.tags == ['v1']
assert report.simulation.remaining == 1
assert report.preview*.digest as Set == [digest(1), digest(2)] as Set
assert report.disagreements == []
def log = new File(basedir, 'build.log').text
assert log.contains('Simulation: 2 image(s) would expire or be archived, 1 stay')
assert log.contains('Dry run: nothing was changed')
// The guard's default protected set, each tag with its reason, in the log and in lifecycle.json.
assert report.protectedTags == [
    [tag: 'prod', reason: '<lifecyclePolicy><protectedTags>'],
    [tag: 'latest', reason: '<health><promoteTags>'],
    [tag: 'latest-previous', reason: 'previous image of latest (roll-back target)']]
assert log.contains('Protected tags (the guard keeps their images):')
assert log.contains('  latest (<health><promoteTags>)')
assert log.contains('  latest-previous (previous image of latest (roll-back target))')
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert !calls.any { it.operation == 'PutLifecyclePolicy' }
assert calls.any { it.operation == 'StartLifecyclePolicyPreview' }
return true
