// The image is layered as documented, described in image.json, and really runs: podman loads the archive,
// starts the service and its health endpoint answers 200.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))

assert image.digest ==~ /sha256:[0-9a-f]{64}/
assert image.imageId ==~ /sha256:[0-9a-f]{64}/
assert image.baseImage.endsWith('/base/jre:17')
assert image.baseImageDigest ==~ /sha256:[0-9a-f]{64}/
assert image.created == '2026-01-01T00:00:00Z'
assert image.layers*.kind == ['base', 'dependencies', 'application']
assert image.sizeBytes == image.layers.sum { it.sizeBytes }
assert new File(image.imageTar).isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('Built image examples/build-basic ' + image.digest)
assert log =~ /application\s+\S+ \S*B\s+built/

def (loadCode, loadOut) = support.run(['podman', 'load', '-i', image.imageTar])
assert loadCode == 0 : loadOut
int port = support.freePort()
def (runCode, runOut) = support.run(['podman', 'run', '-d', '-e', "PORT=${port}".toString(), image.imageId.substring(7)])
assert runCode == 0 : runOut
String container = runOut.readLines().last().trim()
try {
    def (status, body) = support.waitFor("http://127.0.0.1:${port}/health".toString(), 60)
    assert status == 200 : "service did not answer: ${status} ${body}\n" + support.run(['podman', 'logs', container])[1]
    assert body.contains('"version":"1.0.0"')
    def (inspectCode, labels) = support.run(['podman', 'image', 'inspect', '--format', '{{json .Labels}}', image.imageId.substring(7)])
    assert labels.contains('"org.opencontainers.image.version":"1.0.0"') && labels.contains('"team":"examples"')
} finally {
    support.run(['podman', 'rm', '-f', '-t', '1', container])
}
return true
