// Every tag points at the digest build reported; push.json says what was uploaded; one ECR login.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.digest == image.digest
assert push.imageUri == "${itRegistry}/examples/deploy-basic@${image.digest}"
assert push.tags == ['1.0.0', 'candidate']
assert push.tagsMoved == ['1.0.0', 'candidate']
assert push.layersUploaded + push.layersSkipped == image.layers.size()
assert push.layersUploaded >= 2 // at least the dependencies and application layers are new in this repository
assert push.bytesUploaded > 0
for (tag in ['1.0.0', 'candidate']) {
    assert support.skopeoDigest(itRegistry, 'examples/deploy-basic', tag, itRegistryUser, itRegistryPassword) == image.digest
}
def log = new File(basedir, 'build.log').text
assert log.contains("Pushed ${push.imageUri}")
// invoker.properties sets AWS_REGION=eu-west-1 against <region>us-east-1</region>: the POM wins, said once
// (not again by push after build).
def regionLine = 'AWS region us-east-1 from <region> (ecr.region); it overrides AWS_REGION=eu-west-1 (docs/region.md)'
assert log.count(regionLine) == 1 : log.readLines().findAll { it.contains('AWS region') }
assert !log.contains(itRegistryPassword) : 'the registry password leaked into the log'
def calls = support.calls(itEmulatorEndpoint)
assert calls.count { it == 'GetAuthorizationToken' } == 1 : calls
assert calls.contains('CreateRepository')
return true
