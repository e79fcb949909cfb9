// docs/recipes/from-dockerfile-and-scripts.md: the migrated pipeline did what the old one did, in the POM: the image
// has the Dockerfile's runtime settings, answered on port 3001 before the push, carries the workflow's three tags,
// and the repository has the lifecycle rules the team meant (one per prefix); only ECR operations that
// docs/iam/push.json and lifecycle.json grant were called.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.digest == image.digest
assert push.repository == 'team/orders'
assert push.tags == ['v1.0.0', 'main-3f2c1d0', 'latest'] // -Dgit.commit from invoker.properties
for (tag in push.tags) {
    assert support.skopeoDigest(itRegistry, 'team/orders', tag, itRegistryUser, itRegistryPassword) == image.digest
}

// ENV, EXPOSE, USER and the JAVA_TOOL_OPTIONS of the Dockerfile's runtime stage.
def (code, out) = support.run(['skopeo', 'inspect', '--config', '--tls-verify=false',
                               '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                               "docker://${itRegistry}/team/orders:latest".toString()])
assert code == 0 : out
def config = new groovy.json.JsonSlurper().parseText(out).config
assert config.Env.contains('PORT=3001') : config.Env
assert config.ExposedPorts.keySet() == ['3001/tcp'] as Set : config.ExposedPorts
assert config.User == '1000'
assert config.Entrypoint.contains('-XX:MaxRAMPercentage=75') : config.Entrypoint

// "sleep 5; curl -f /health", before the push: the three endpoints on port 3001 answered, the version matched.
def smoke = support.json(new File(basedir, 'target/ecr-deploy/smoke.json'))
assert smoke.result == 'green'
def log = new File(basedir, 'build.log').text
assert log.contains('GET http://127.0.0.1:3001/health/live: ok')
assert log.contains('GET http://127.0.0.1:3001/health/ready: ok')
assert log.indexOf('Health gate green') < log.indexOf('Pushed ')

// The lifecycle policy: one rule per prefix (what "keep the last 5 of v, main, prod, latest" meant), the moving tags
// prod and latest first so that they own the images that serve, untagged after 30 days; no lint warning.
def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.applied == true
assert report.warnings == [] : report.warnings
def stored = support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicy', [repositoryName: 'team/orders'])
def rules = new groovy.json.JsonSlurper().parseText(stored.lifecyclePolicyText).rules.sort { it.rulePriority }
assert rules.collect { it.selection.tagPrefixList } == [['prod'], ['latest'], ['v'], ['main'], null]
assert rules.collect { it.selection.countNumber } == [5, 5, 5, 5, 30]
assert rules[4].selection.tagStatus == 'untagged' && rules[4].selection.countType == 'sinceImagePushed'

def granted = ['push.json', 'lifecycle.json'].collectMany { name ->
    new groovy.json.JsonSlurper().parse(new File(basedir, "../../../docs/iam/${name}")).Statement.collectMany { it.Action }
}.collect { it - 'ecr:' } as Set
def calls = support.calls(itEmulatorEndpoint)
assert granted.containsAll(calls) : "calls not granted by docs/iam/push.json + lifecycle.json: ${calls - granted}"
return true
