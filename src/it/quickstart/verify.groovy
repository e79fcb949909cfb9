// The whole release went through: image built and smoke-tested, pushed, policy applied, gate green, latest moved.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
    def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
    assert push.digest == image.digest
    assert image.baseImage == itBaseImage // <ecr.from> in <properties> reached the plugin
    assert support.json(new File(basedir, 'target/ecr-deploy/smoke.json')).result == 'green'
    assert support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json')).applied == true
    assert support.json(new File(basedir, 'target/ecr-deploy/health.json')).result == 'green'
    for (tag in ['1.0.0', 'latest']) {
        assert support.skopeoDigest(itRegistry, 'examples/orders', tag, itRegistryUser, itRegistryPassword) == image.digest
    }
    def log = new File(basedir, 'build.log').text
    assert log.contains("Built image examples/orders ${image.digest}")
    // Least privilege: every ECR call of the whole release (all goals) is granted by docs/iam/deploy.json.
    def policy = new groovy.json.JsonSlurper().parse(new File(basedir, '../../../docs/iam/deploy.json'))
    def granted = policy.Statement.collectMany { it.Action }.collect { it - 'ecr:' } as Set
    def calls = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
        .findAll { it.operation == 'GetAuthorizationToken' || it.request?.repositoryName == 'examples/orders' }
        *.operation
    assert calls.containsAll(['GetAuthorizationToken', 'PutLifecyclePolicy', 'PutImage']) : calls
    assert granted.containsAll(calls) : "calls not granted by docs/iam/deploy.json: ${calls - granted}"
    // The end of the quick start's console output: where the image went and how to look at it.
    def reports = new File(basedir, 'target/ecr-deploy').path
    println ''
    println "Released ${push.imageUri}"
    println "  tags ${(push.tags + 'latest').join(', ')} in the test registry ${itRegistry}, pushed through the ECR emulator"
    println "  (both stop with this build; with AWS the host is ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com)"
    println "  the image:   podman load -i ${reports}/image.tar"
    println "  the reports: ${reports}/{image,smoke,push,lifecycle,health}.json"
    println "  on AWS:      aws ecr describe-images --repository-name examples/orders"
    println ''
} finally {
    support.removeDeployed(basedir)
}
return true
