// push plans the image from its own configuration; <jvmFlags> set only on the build execution makes it
// another image: the goal fails saying so, and no tag points anywhere.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains("push derives the image from its own configuration, and it is not the one build used")
assert log.contains("set only in the build goal's <execution>?")
def calls = support.calls(itEmulatorEndpoint)
assert !calls.contains('PutImage') : calls
def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                               "docker://${itRegistry}/examples/deploy-params-on-build-execution:1.0.0".toString()])
assert code != 0
return true
