// Fails naming <createRepository>, after looking the repository up and before any upload.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains("The ECR repository 'examples/deploy-missing-repository' does not exist and <createRepository> is false")
def calls = support.calls(itEmulatorEndpoint)
// the three read-only lookups run at the same time (any order); nothing is created, uploaded or tagged
assert calls.sort(false) == ['BatchGetImage', 'DescribeRepositories', 'GetAuthorizationToken'] : calls
def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                               "docker://${itRegistry}/examples/deploy-missing-repository:1.0.0".toString()])
assert code != 0
return true
