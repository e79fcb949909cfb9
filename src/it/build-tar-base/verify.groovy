// The archive's layers are the base layers; baseImageDigest is the sha256 of the archive.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
assert image.baseImage.startsWith('tar://')
assert image.layers*.kind == ['base', 'dependencies', 'application']
def (code, out) = support.run(['sha256sum', image.baseImage.substring('tar://'.length())])
assert image.baseImageDigest == 'sha256:' + out.split()[0]
return true
