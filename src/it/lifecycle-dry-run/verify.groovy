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
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert !calls.any { it.operation == 'PutLifecyclePolicy' }
assert calls.any { it.operation == 'StartLifecyclePolicyPreview' }
return true
