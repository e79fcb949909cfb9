// Same inputs, different directories, different times: the same digest.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def one = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def two = support.json(new File(basedir, 'elsewhere/deeper/project/target/ecr-deploy/image.json'))
assert one.digest == two.digest
assert one.imageId == two.imageId
assert one.layers*.digest == two.layers*.digest
return true
