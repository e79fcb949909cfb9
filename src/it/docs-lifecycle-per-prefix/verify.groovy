// One rule per prefix, the moving tags first: no lint warning, applied as five rules in the order written; only ECR operations that
// docs/iam/push.json and lifecycle.json grant were called.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.applied == true
assert report.warnings == [] : report.warnings
def stored = support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicy', [repositoryName: 'docs/lifecycle-per-prefix'])
def rules = new groovy.json.JsonSlurper().parseText(stored.lifecyclePolicyText).rules.sort { it.rulePriority }
assert rules.collect { it.selection.tagPrefixList } == [['prod'], ['latest'], ['v'], ['main'], null]
assert rules.collect { it.selection.tagStatus } == ['tagged', 'tagged', 'tagged', 'tagged', 'untagged']
// Least privilege: build + push + lifecycle call only what docs/iam/push.json and lifecycle.json grant.
def granted = ['push.json', 'lifecycle.json'].collectMany { name ->
    new groovy.json.JsonSlurper().parse(new File(basedir, "../../../docs/iam/${name}")).Statement.collectMany { it.Action }
}.collect { it - 'ecr:' } as Set
def calls = support.calls(itEmulatorEndpoint)
assert calls.contains('PutLifecyclePolicy') && calls.contains('DescribeImages') : calls
assert granted.containsAll(calls) : "calls not granted by docs/iam/push.json + lifecycle.json: ${calls - granted}"
return true
