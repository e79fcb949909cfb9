// The second build fails naming the tag and both digests, and the tag still points at the first image.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def first = support.json(new File(basedir, 'first/image.json'))
def second = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
assert first.digest != second.digest
def log = new File(basedir, 'build.log').text
assert log.contains("tag '1.0.0' points at ${first.digest}, this build is ${second.digest}. Nothing was pushed.")
assert support.skopeoDigest(itRegistry, 'examples/deploy-immutable-conflict', '1.0.0', itRegistryUser, itRegistryPassword) == first.digest
return true
