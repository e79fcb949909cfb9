// Seeds two untagged images: an image and then another are copied to the tag 1.0.0, which the first release then
// takes; their push times are set two hours and one hour ago. Their digests go to target/orphans.json.
import groovy.json.JsonOutput
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repository = 'examples/lifecycle-multi-platform'
def creds = "${itRegistryUser}:${itRegistryPassword}".toString()
support.ecr(itEmulatorEndpoint, 'CreateRepository', [repositoryName: repository])
def orphans = []
def now = System.currentTimeMillis().intdiv(1000)
[["docker://${itBaseImage}", 7200], ["docker://${itRegistry}/base/jre-multi:17-arm64", 3600]].each { source, age ->
    def (code, out) = support.run(['skopeo', 'copy', '--src-tls-verify=false', '--dest-tls-verify=false',
        '--src-creds', creds, '--dest-creds', creds,
        source.toString(), "docker://${itRegistry}/${repository}:1.0.0".toString()])
    assert code == 0: out
    def digest = support.skopeoDigest(itRegistry, repository, '1.0.0', itRegistryUser, itRegistryPassword)
    def connection = new URL(itEmulatorEndpoint + '/_emulator/images/pushedAt').openConnection()
    connection.requestMethod = 'POST'
    connection.doOutput = true
    connection.outputStream.withWriter {
        it << JsonOutput.toJson([repositoryName: repository, imageDigest: digest, pushedAt: now - age])
    }
    assert connection.responseCode == 200: "pushedAt of ${digest}: HTTP ${connection.responseCode}"
    orphans << digest
}
new File(basedir, 'target').mkdirs()
new File(basedir, 'target/orphans.json').text = JsonOutput.toJson(orphans)
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
