// Fails naming the ways to provide credentials; nothing reached ECR or the registry.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('No AWS credentials for ECR GetAuthorizationToken: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an AWS profile')
assert support.calls(itEmulatorEndpoint).isEmpty()
return true
