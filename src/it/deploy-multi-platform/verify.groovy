// push put both platform images, then the OCI image index (digest = image.json's) and pointed the tags at the index;
// the second deploy uploaded nothing and moved no tag.
import groovy.json.JsonSlurper
import java.security.MessageDigest

def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
def repo = 'examples/deploy-multi-platform'
def creds = "${itRegistryUser}:${itRegistryPassword}".toString()

assert image.mediaType == 'application/vnd.oci.image.index.v1+json'
assert push.digest == image.digest
assert push.mediaType == image.mediaType
assert push.imageUri == "${itRegistry}/${repo}@${image.digest}".toString()
assert push.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert push.platforms*.digest == image.platforms*.digest
assert push.tags == ['1.0.0', 'candidate']
// Second run: nothing to upload, no tag to move.
assert push.tagsMoved == []
assert push.tagsUnchanged == ['1.0.0', 'candidate']
assert push.bytesUploaded == 0

for (tag in ['1.0.0', 'candidate']) {
    def (code, raw) = support.run(['skopeo', 'inspect', '--raw', '--tls-verify=false', '--creds', creds,
                                   "docker://${itRegistry}/${repo}:${tag}".toString()])
    assert code == 0 : raw
    def bytes = raw.getBytes('UTF-8')
    assert 'sha256:' + MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() == image.digest
    def index = new JsonSlurper().parseText(raw)
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert index.manifests*.digest == image.platforms*.digest
    assert index.manifests*.platform*.architecture == ['amd64', 'arm64']
}
// A machine of each platform gets the image of its own platform from the same tag.
for (arch in ['amd64', 'arm64']) {
    def (code, out) = support.run(['skopeo', 'inspect', '--override-arch', arch, '--tls-verify=false', '--creds', creds,
                                   '--format', '{{.Architecture}} {{.Os}}', "docker://${itRegistry}/${repo}:1.0.0".toString()])
    assert code == 0 : out
    assert out.trim() == "${arch} linux".toString()
}
for (platform in image.platforms) {
    def (code, raw) = support.run(['skopeo', 'inspect', '--raw', '--tls-verify=false', '--creds', creds,
                                   "docker://${itRegistry}/${repo}@${platform.digest}".toString()])
    assert code == 0 : raw
    assert new JsonSlurper().parseText(raw).layers*.digest == platform.layers*.digest
}

// ECR lists the index under the tags and each platform image as its own untagged image.
def details = support.ecr(itEmulatorEndpoint, 'DescribeImages', [repositoryName: repo]).imageDetails
def byDigest = details.collectEntries { [(it.imageDigest): it] }
assert byDigest[image.digest].imageManifestMediaType == 'application/vnd.oci.image.index.v1+json'
assert byDigest[image.digest].imageTags.sort() == ['1.0.0', 'candidate']
for (platform in image.platforms) {
    assert byDigest[platform.digest] != null : "ECR does not list ${platform.platform} ${platform.digest}"
    assert !byDigest[platform.digest].imageTags
}

def log = new File(basedir, 'build.log').text
assert log.contains("The repository already has the image index ${image.digest}")
assert log.contains("Tag 1.0.0 already points at ${image.digest}: nothing to do")
assert !log.contains(itRegistryPassword) : 'the registry password leaked into the log'
return true
