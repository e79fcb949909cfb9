// The typos in <health> failed `mvn deploy` at ecr-deploy:build, all listed at once, each naming goal and element:
// no image was built, ECR was never called, the registry holds nothing for the repository.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log =~ /3 problem\(s\) in the ecr-deploy configuration; nothing was built, pushed or changed/
assert log.contains("ecr-deploy:health: <health><endpoints><endpoint>[1]<url> 'not a url'")
assert log.contains('ecr-deploy:health: <health><endpoints><endpoint>[1]<expectStatus>')
assert log.contains('ecr-deploy:health: <health><timeout>')
assert log =~ /Failed to execute goal [^ ]*ecr-deploy-maven-plugin:[^ ]*:build \(default\)/
assert !new File(basedir, 'target/ecr-deploy/image.json').exists()
def calls = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert calls.size() == new File(basedir, 'calls-before.txt').text.toInteger() : calls.drop(new File(basedir, 'calls-before.txt').text.toInteger())
def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                               "docker://${itRegistry}/examples/deploy-invalid-health:1.4.0".toString()])
assert code != 0 : out
return true
