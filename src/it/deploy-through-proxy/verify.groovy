// The base image pull, the push and the ECR API calls went through the proxy of proxy-settings.xml, with its credentials;
// the base image registry's credentials came from settings.xml's <server>; the proxy password appears nowhere.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def dir = new File(basedir, 'proxy')
['kill', new File(dir, 'tinyproxy.pid').text.trim()].execute().waitFor()

def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.digest == image.digest
assert support.skopeoDigest(itRegistry, 'examples/deploy-through-proxy', '1.0.0', itRegistryUser, itRegistryPassword) == image.digest

def requests = new File(dir, 'tinyproxy.log').readLines().findAll { it.contains('Request (file descriptor') }
        .collect { it.replaceFirst(/.*Request \(file descriptor \d+\): /, '') }
def emulatorHost = itEmulatorEndpoint.replaceFirst('^http://', '')
assert requests.any { it.startsWith("CONNECT ${itRegistry} ") } : "no registry tunnel through the proxy: ${requests}"
assert requests.any { it.startsWith("POST http://${emulatorHost}/ ") } : "no ECR API call through the proxy: ${requests}"
def calls = support.calls(itEmulatorEndpoint)
assert calls.contains('GetAuthorizationToken') && calls.contains('PutImage') : calls

def log = new File(basedir, 'build.log').text
// The base image registry is not ECR: its credentials come from the settings.xml <server> whose id is its host.
assert log.contains("Using credentials of settings.xml <server> ${itRegistry} for the base image")
assert log.contains('Using proxy corporate http://127.0.0.1:28284 as deployer for https (registry and ECR API)')
assert log.contains('Using proxy corporate-http http://127.0.0.1:28284 as deployer for http (registry and ECR API)')
def password = 'it-proxy-password-never-logged'
for (file in [new File(basedir, 'build.log')] + new File(basedir, 'target/ecr-deploy').listFiles().findAll { it.name.endsWith('.json') }) {
    def text = file.text
    assert !text.contains(password) : "the proxy password leaked into ${file}"
    for (offset in 0..2) { // base64 at every alignment, as in a Proxy-Authorization header
        def encoded = ('x' * offset + password).bytes.encodeBase64().toString()
        assert !text.contains(encoded[(offset == 0 ? 0 : 4)..-5]) : "the proxy password leaked (base64) into ${file}"
    }
}
return true
