// Fails naming what to set, before any ECR call.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('No AWS region: set <region> (ecr.region) or the AWS_REGION environment variable')
assert support.calls(itEmulatorEndpoint).isEmpty()
return true
