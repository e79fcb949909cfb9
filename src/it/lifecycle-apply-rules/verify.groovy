// Applied once, from the POM rules; the second run only read the policy (exactly one call) and changed nothing.
import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repo = 'examples/lifecycle-apply-rules'
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls')).findAll { it.request?.repositoryName == repo }
assert calls.count { it.operation == 'PutLifecyclePolicy' } == 1 : calls*.operation
assert calls.count { it.operation == 'GetLifecyclePolicy' } == 2
def lifecycleCalls = calls*.operation.findAll { it.contains('Lifecycle') }
assert lifecycleCalls == ['GetLifecyclePolicy', 'PutLifecyclePolicy', 'GetLifecyclePolicy'] : lifecycleCalls
def policy = new JsonSlurper().parseText(support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicy', [repositoryName: repo]).lifecyclePolicyText)
assert policy.rules*.rulePriority == [1, 2]
assert policy.rules[0].selection == [tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 10]
assert policy.rules[1].selection == [tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7]
assert policy.rules[0].action == [type: 'expire']
def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.applied == false
def log = new File(basedir, 'build.log').text
assert log.contains('Lifecycle policy of examples/lifecycle-apply-rules is up to date: nothing to apply')
return true
