// Seeds 40 images v1..v40 (pushed a minute apart, v40 newest) into a repository without a lifecycle policy:
// an OCI layout with one shared 1 MiB base layer and a 64 KiB layer of each image's own, copied by skopeo.
import groovy.json.JsonOutput
import java.security.MessageDigest
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repository = 'examples/lifecycle-storage-savings'
support.ecr(itEmulatorEndpoint, 'CreateRepository', [repositoryName: repository])

def layout = new File(basedir, 'target/seed-layout')
def blobs = new File(layout, 'blobs/sha256')
blobs.mkdirs()
def blob = { byte[] bytes ->
    def hex = MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString()
    new File(blobs, hex).bytes = bytes
    [digest: 'sha256:' + hex, size: bytes.length]
}
def random = { int size, long seed -> def b = new byte[size]; new Random(seed).nextBytes(b); b }
def layerType = 'application/vnd.oci.image.layer.v1.tar'
def base = blob(random(1 << 20, 0L))
def manifests = []
(1..40).each { n ->
    def own = blob(random(64 << 10, n as long))
    def config = blob(JsonOutput.toJson([architecture: 'amd64', os: 'linux', config: [Labels: [n: "$n".toString()]],
        rootfs: [type: 'layers', diff_ids: [base.digest, own.digest]]]).bytes)
    def manifest = JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: [mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size],
        layers: [[mediaType: layerType] + base, [mediaType: layerType] + own]]).bytes
    manifests << ([mediaType: 'application/vnd.oci.image.manifest.v1+json'] + blob(manifest) +
        [annotations: ['org.opencontainers.image.ref.name': "v$n".toString()]])
}
new File(layout, 'oci-layout').text = '{"imageLayoutVersion":"1.0.0"}'
new File(layout, 'index.json').text = JsonOutput.toJson([schemaVersion: 2, manifests: manifests])

def start = System.currentTimeMillis().intdiv(1000) - 3600
(1..40).each { n ->
    def (code, out) = support.run(['skopeo', 'copy', '--dest-tls-verify=false',
        '--dest-creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
        "oci:${layout}:v$n".toString(), "docker://${itRegistry}/${repository}:v$n".toString()])
    assert code == 0: out
    def connection = new URL(itEmulatorEndpoint + '/_emulator/images/pushedAt').openConnection()
    connection.requestMethod = 'POST'
    connection.doOutput = true
    connection.outputStream.withWriter {
        it << JsonOutput.toJson([repositoryName: repository, imageTag: "v$n".toString(), pushedAt: start + n * 60])
    }
    assert connection.responseCode == 200: "pushedAt of v$n: HTTP ${connection.responseCode}"
}
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
