// Refused naming the prod image; forced afterwards; exactly one PutLifecyclePolicy (the forced one).
import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def prodDigest = support.json(new File(basedir, 'out1/push.json')).digest
def log = new File(basedir, 'build.log').text
assert log.contains("Image ${prodDigest} (tags ") && log.contains('carries the protected tag prod')
assert log.contains('nothing was applied. Fix the policy, or apply anyway with -Decr.lifecycle.force=true.')
assert log.contains('Applying anyway: -Decr.lifecycle.force=true')
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls')).findAll { it.request?.repositoryName == 'examples/lifecycle-guard' }
assert calls.count { it.operation == 'PutLifecyclePolicy' } == 1
def report = support.json(new File(basedir, 'out2/lifecycle.json'))
assert report.applied == true
assert report.simulation.expire*.digest == [prodDigest]
return true
