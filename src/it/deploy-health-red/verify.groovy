// The red release fails with one line per endpoint and the reason; latest still points at the first image.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def first = support.json(new File(basedir, 'first/push.json'))
    def second = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
    assert first.digest != second.digest
    def health = support.json(new File(basedir, 'target/ecr-deploy/health.json'))
    assert health.result == 'red'
    def log = new File(basedir, 'build.log').text
    assert log.contains('Health gate red: timeout')
    assert log =~ /\[1\] GET http:\/\/127\.0\.0\.1:28233\/health\/ready.*503/
    assert log.contains('Tags [latest] were not moved.')
    assert support.skopeoDigest(itRegistry, 'examples/deploy-health-red', 'latest', itRegistryUser, itRegistryPassword) == first.digest
} finally {
    support.removeDeployed(basedir)
}
return true
