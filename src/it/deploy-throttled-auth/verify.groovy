def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def calls = support.calls(itEmulatorEndpoint)
assert calls.count { it == 'GetAuthorizationToken' } == 3 : calls
def log = new File(basedir, 'build.log').text
assert (log =~ /Retrying ECR GetAuthorizationToken \(attempt=\d+; max=\d+\)/).count == 2
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert support.skopeoDigest(itRegistry, 'examples/deploy-throttled-auth', '1.0.0', itRegistryUser, itRegistryPassword) == push.digest
return true
