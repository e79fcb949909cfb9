// docs/getting-started.md: mvn deploy built the image, pushed it to team/orders with the version tag, printed what
// the page shows, and called only ECR operations that docs/iam/push.json grants.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert image.baseImage == itBaseImage
assert push.digest == image.digest
assert push.repository == 'team/orders'
assert push.tags == ['1.0.0']
assert support.skopeoDigest(itRegistry, 'team/orders', '1.0.0', itRegistryUser, itRegistryPassword) == image.digest
def log = new File(basedir, 'build.log').text
assert log.contains("Built image team/orders ${image.digest}")
assert log.contains("Created ECR repository team/orders")
assert log.contains("Tagged team/orders:1.0.0 -> ${image.digest}")
assert log.contains("Pushed ${push.imageUri}")
// Least privilege: every ECR API call of this deploy is in the push policy of docs/iam.md.
def policy = new groovy.json.JsonSlurper().parse(new File(basedir, '../../../docs/iam/push.json'))
def granted = policy.Statement.collectMany { it.Action }.collect { it - 'ecr:' } as Set
def calls = support.calls(itEmulatorEndpoint)
assert calls.contains('GetAuthorizationToken') && calls.contains('CreateRepository') : calls
assert granted.containsAll(calls) : "calls not granted by docs/iam/push.json: ${calls - granted}"
return true
