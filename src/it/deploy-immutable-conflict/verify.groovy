// The second build fails naming the tag and both digests, and the tag still points at the first image.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def first = support.json(new File(basedir, 'first/image.json'))
def second = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
assert first.digest != second.digest
def log = new File(basedir, 'build.log').text
assert log.contains("tag '1.0.0' points at ${first.digest}, this build is ${second.digest}. Nothing was pushed.")
assert support.skopeoDigest(itRegistry, 'examples/deploy-immutable-conflict', '1.0.0', itRegistryUser, itRegistryPassword) == first.digest
// Independently of the plugin's log: the second image never reached the registry, and no PutImage named it.
def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--raw',
        '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
        "docker://${itRegistry}/examples/deploy-immutable-conflict@${second.digest}".toString()])
assert code != 0 : "the conflicting image ${second.digest} is in the registry: ${out}"
def calls = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
assert !calls.any { it.operation == 'PutImage' && it.request.imageDigest == second.digest } : 'PutImage for the refused image'
assert !calls.any { it.operation == 'PutImage' && it.request.repositoryName == 'examples/deploy-immutable-conflict' &&
        it.request.imageDigest != first.digest }
return true
