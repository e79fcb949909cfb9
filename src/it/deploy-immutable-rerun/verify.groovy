// The second run finds the tag already at the digest: 0 bytes, no tag move, success.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.bytesUploaded == 0
assert push.layersUploaded == 0
assert push.tagsMoved == []
assert push.tagsUnchanged == ['1.0.0']
def log = new File(basedir, 'build.log').text
assert log.contains("Tag 1.0.0 already points at ${push.digest}: nothing to do")
assert support.skopeoDigest(itRegistry, 'examples/deploy-immutable-rerun', '1.0.0', itRegistryUser, itRegistryPassword) == push.digest
return true
