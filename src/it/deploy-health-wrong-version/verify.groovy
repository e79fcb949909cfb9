// Red because of the version, not because the service is down; latest was never created.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('wrong version: /version is "0.9.0", expected "1.0.0"')
    assert log.contains('Tags [latest] were not moved.')
    def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                                   "docker://${itRegistry}/examples/deploy-health-wrong-version:latest".toString()])
    assert code != 0 : 'latest must not exist'
} finally {
    support.removeDeployed(basedir)
}
return true
