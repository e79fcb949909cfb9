// Green after the service became ready; the container is gone.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def smoke = support.json(new File(basedir, 'target/ecr-deploy/smoke.json'))
assert smoke.result == 'green' : smoke
def log = new File(basedir, 'build.log').text
assert log.contains('Health gate green after')
def id = smoke.container.containerId
assert id
def (code, out) = support.run(['podman', 'container', 'exists', id])
assert code != 0 : "container ${id} was not removed"
// Independently of the id the plugin reported: podman knows no container (running or not) from the image.
def image = smoke.container.image
assert image
def (psCode, left) = support.run(['podman', 'ps', '-a', '--filter', "ancestor=${image}".toString(), '--format', '{{.ID}}'])
assert psCode == 0 : left
assert left.trim().isEmpty() : "containers from ${image} left behind: ${left}"
return true
