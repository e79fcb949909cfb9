import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def text = support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicy', [repositoryName: 'examples/lifecycle-policy-file']).lifecyclePolicyText
def policy = new JsonSlurper().parseText(text)
assert policy.rules.size() == 1
assert policy.rules[0].selection.countNumber == 30
def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.applied == true
assert report.simulation.remaining == 1
return true
