// The base came from the ECR registry with an ECR login, and the image was pushed.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
assert image.baseImage.startsWith('localhost:')
def log = new File(basedir, 'build.log').text
assert log.contains('Using an ECR login for the base image registry localhost:')
assert support.skopeoDigest(itRegistry, 'examples/deploy-base-from-ecr', '1.0.0', itRegistryUser, itRegistryPassword) == image.digest
return true
