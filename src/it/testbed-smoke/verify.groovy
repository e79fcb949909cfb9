// Runs after the IT build. Variables: basedir (this IT's copy under target/it), and the test bed values from
// <scriptVariables> in the plugin POM (itRegistry, itBaseImage, itRegistryCertDir, itContainersConf, ...).
import groovy.json.JsonSlurper

def run(List<String> command, Map<String, String> extraEnv = [:]) {
    def env = System.getenv() + extraEnv
    def process = command.execute(env.collect { k, v -> "$k=$v" }, null)
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command.join(' ')} exited ${process.exitValue()}:\n$out\n$err"
    return out.toString()
}

// The IT POM was filtered with the test bed's values.
def pom = new File(basedir, 'pom.xml').text
assert !pom.contains('@it.') : "unfiltered @it.*@ left in the IT POM"
assert pom.contains("<it.baseImage>${itBaseImage}</it.baseImage>")
assert pom.contains("<it.registry>${itRegistry}</it.registry>")
assert new File(itBaseTar).length() > 10_000_000 : "base tar missing or small: $itBaseTar"

// skopeo (Go TLS) verifies the registry with the test bed's CA only, and logs in as AWS.
def inspect = new JsonSlurper().parseText(run(['skopeo', 'inspect', '--cert-dir', itRegistryCertDir,
        '--creds', "${itRegistryUser}:${itRegistryPassword}", "docker://${itBaseImage}"]))
assert inspect.Digest ==~ /sha256:[0-9a-f]{64}/ : "no digest: $inspect"
assert inspect.Architecture == 'amd64' && inspect.Os == 'linux'
assert inspect.Env.contains('JAVA_HOME=/opt/java')

// podman pulls the base image over verified TLS and runs its java.
def conf = [CONTAINERS_CONF: itContainersConf]
def imageId = run(['podman', 'pull', '-q', '--cert-dir', itRegistryCertDir,
        '--creds', "${itRegistryUser}:${itRegistryPassword}", itBaseImage], conf).trim()
try {
    def version = run(['podman', 'run', '--rm', imageId, 'sh', '-c', 'java -version 2>&1'], conf)
    assert version.contains('OpenJDK') : version
} finally {
    run(['podman', 'rmi', '-f', imageId], conf)
}
return true
