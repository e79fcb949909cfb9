// Green gate: latest now points at the new digest; the deploy command got the digest; health.json says green.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
    def health = support.json(new File(basedir, 'target/ecr-deploy/health.json'))
    assert health.result == 'green'
    assert health.endpoints.size() == 3
    def deployed = new File(basedir, 'deployed/28231.env').text
    assert deployed.contains("ECR_IMAGE_DIGEST=${push.digest}")
    assert deployed.contains("ECR_IMAGE_URI=${push.imageUri}")
    assert support.skopeoDigest(itRegistry, 'examples/deploy-health-green', 'latest', itRegistryUser, itRegistryPassword) == push.digest
    def log = new File(basedir, 'build.log').text
    assert log.contains('Health gate green after')
    assert log.contains("Tagged examples/deploy-health-green:latest -> ${push.digest}")
} finally {
    support.removeDeployed(basedir)
}
return true
