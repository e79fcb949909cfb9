// Red: the endpoint's status and the container's log are in the build log; the container is gone.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('Smoke test red: timeout')
assert log =~ /\[1\] GET http:\/\/127\.0\.0\.1:28242\/health\/ready.*503/
assert log.contains('example-service 1.0.0 listening on 28242') || log.contains('listening on 28242')
def smoke = support.json(new File(basedir, 'target/ecr-deploy/smoke.json'))
def id = smoke.container.containerId
assert id
def (code, out) = support.run(['podman', 'container', 'exists', id])
assert code != 0 : "container ${id} was not removed"
return true
