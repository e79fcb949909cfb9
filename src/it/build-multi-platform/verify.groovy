// build made one image per platform and an OCI image index over them: image.json lists the index digest (the sha256
// of image-index.json) and each platform's image; the budget held per platform; image.tar is the amd64 image and runs.
import java.security.MessageDigest

def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def out = new File(basedir, 'target/ecr-deploy')
def image = support.json(new File(out, 'image.json'))
def indexFile = new File(out, 'image-index.json')
def index = support.json(indexFile)

assert image.mediaType == 'application/vnd.oci.image.index.v1+json'
assert image.digest == 'sha256:' + MessageDigest.getInstance('SHA-256').digest(indexFile.bytes).encodeHex().toString()
assert image.baseImage == "${itRegistry}/base/jre-multi:17".toString()
assert image.baseImageDigest ==~ /sha256:[0-9a-f]{64}/
assert image.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert image.platforms*.digest.unique().size() == 2
assert image.platforms.every { it.digest ==~ /sha256:[0-9a-f]{64}/ && new File(it.imageTar).isFile() }
assert image.platforms*.layers*.kind.every { it == ['base', 'dependencies', 'application'] }

assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
assert index.manifests*.digest == image.platforms*.digest
assert index.manifests*.platform*.architecture == ['amd64', 'arm64']
assert index.manifests*.platform*.os == ['linux', 'linux']

// The budget (50MB, decimal) applies per platform: each image is under it, the two together are not.
long budget = 50L * 1000 * 1000
assert image.platforms.every { it.sizeBytes <= budget }
assert image.platforms.sum { it.sizeBytes } > budget
assert image.sizeBytes == image.platforms*.sizeBytes.max()

// Each archive holds its platform's image.
for (platform in image.platforms) {
    def (code, config) = support.run(['skopeo', 'inspect', '--config', "oci-archive:${platform.imageTar}".toString()])
    assert code == 0 : config
    assert new groovy.json.JsonSlurper().parseText(config).architecture == platform.platform.split('/')[1]
}

def log = new File(basedir, 'build.log').text
assert log.contains("Built image index examples/build-multi-platform ${image.digest}")
assert image.defaultPlatform == 'linux/amd64'
assert log.contains("holds the linux/amd64 image")

// image.tar is the amd64 image (this machine's platform): it runs and answers its health endpoint.
def amd64 = image.platforms[0]
assert new File(image.imageTar).bytes == new File(amd64.imageTar).bytes
def (loadCode, loadOut) = support.run(['podman', 'load', '-i', image.imageTar])
assert loadCode == 0 : loadOut
int port = support.freePort()
def (runCode, runOut) = support.run(['podman', 'run', '-d', '-e', "PORT=${port}".toString(), amd64.imageId.substring(7)])
assert runCode == 0 : runOut
String container = runOut.readLines().last().trim()
try {
    def (status, body) = support.waitFor("http://127.0.0.1:${port}/health".toString(), 60)
    assert status == 200 : "service did not answer: ${status} ${body}\n" + support.run(['podman', 'logs', container])[1]
} finally {
    support.run(['podman', 'rm', '-f', '-t', '1', container])
}
return true
