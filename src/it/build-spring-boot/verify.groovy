// A real Spring Boot jar (spring-boot-maven-plugin repackage, with its default layer index): the image has the
// jar's layers, starts through the Spring Boot launcher, answers HTTP under podman, and a code change (the
// greeting resource) changes only the application layer.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def first = support.json(new File(basedir, 'first/image.json'))
def second = support.json(new File(basedir, 'second/image.json'))

// snapshot-dependencies is empty in this project, so it is no layer.
assert first.layers*.kind == ['base', 'dependencies', 'spring-boot-loader', 'application']
assert second.layers*.kind == first.layers*.kind
assert first.digest != second.digest
first.layers.eachWithIndex { layer, i ->
    if (layer.kind == 'application') {
        assert layer.digest != second.layers[i].digest
    } else {
        assert layer.digest == second.layers[i].digest : "${layer.kind} changed"
    }
}
// The dependencies are in the Spring Boot jar: the project's Maven dependencies are not added again.
def dependencies = first.layers.find { it.kind == 'dependencies' }
def application = first.layers.find { it.kind == 'application' }
assert dependencies.sizeBytes > 10_000_000 : "dependencies layer too small: ${dependencies.sizeBytes}"
assert application.sizeBytes < 100_000 : "application layer too large: ${application.sizeBytes}"

def log = new File(basedir, 'build.log').text
assert log =~ /spring-boot-loader\s+\S+ \S*B\s+built/
assert !log.contains('without a layer index')

def (loadCode, loadOut) = support.run(['podman', 'load', '-i', second.imageTar])
assert loadCode == 0 : loadOut
String imageId = second.imageId.substring(7)
def (inspectCode, config) = support.run(['podman', 'image', 'inspect', '--format',
                                         '{{json .Config.Entrypoint}} {{.Config.WorkingDir}}', imageId])
assert inspectCode == 0 : config
assert config.trim() ==
        '["java","-Xmx128m","-cp","/app","org.springframework.boot.loader.launch.JarLauncher"] /app'
int port = support.freePort()
def (runCode, runOut) = support.run(['podman', 'run', '-d', '-e', "SERVER_PORT=${port}".toString(), imageId])
assert runCode == 0 : runOut
String container = runOut.readLines().last().trim()
try {
    def (status, body) = support.waitFor("http://127.0.0.1:${port}/greeting".toString(), 180)
    assert status == 200 : "application did not answer: ${status} ${body}\n" + support.run(['podman', 'logs', container])[1]
    assert body == 'changed from spring boot'
} finally {
    support.run(['podman', 'rm', '-f', '-t', '1', container])
}
return true
