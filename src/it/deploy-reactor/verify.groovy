// Three images pushed by one -T 2 build: each in the registry at its image.json digest, one ECR login for the build,
// one summary (table and reactor-summary.json) with every image module, one log line per uploaded layer (-B).
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('thread count of 2') : 'the build did not run with -T 2'

def modules = ['orders', 'billing', 'shipping']
def digests = [:]
for (module in modules) {
    def image = support.json(new File(basedir, "${module}/target/ecr-deploy/image.json"))
    def push = support.json(new File(basedir, "${module}/target/ecr-deploy/push.json"))
    assert push.digest == image.digest
    assert support.skopeoDigest(itRegistry, "it/deploy-reactor/${module}", '1.0.0', itRegistryUser, itRegistryPassword) == image.digest
    digests[module] = image.digest
    def uploadedLines = log.readLines().findAll { it.contains("it/deploy-reactor/${module}: uploaded layer ") }
    assert uploadedLines.size() == push.layersUploaded : "one line per uploaded layer of ${module}: ${uploadedLines}"
    assert !log.contains("it/deploy-reactor/${module}: uploading layer") : 'batch mode (-B) logs no progress updates'
}
assert digests.values().toSet().size() == 3 : "three different images: ${digests}"
assert !new File(basedir, 'lib/target/ecr-deploy').exists() : 'the library module has no image'

def calls = support.calls(itEmulatorEndpoint)
assert calls.count { it == 'GetAuthorizationToken' } == 1 : "one ECR login for the whole build: ${calls}"

def lines = log.readLines()
def headers = lines.findIndexValues { it.contains('Reactor images: ') }
assert headers.size() == 1 : "one summary: ${headers}"
int header = headers[0] as int
assert lines[header].contains('3 module(s), 3 pushed, 0 failed')
def table = lines[(header + 1)..(header + 4)]
assert table[0] ==~ /\[INFO\]\s+MODULE\s+IMAGE\s+DIGEST\s+TAGS\s+UPLOADED\s+RESULT/
// reactor order: orders, billing, shipping (lib and the parent have no row)
modules.eachWithIndex { module, i ->
    def row = table[i + 1]
    assert row ==~ /\[INFO\]\s+${module}\s+\S+\/it\/deploy-reactor\/${module}\s+${java.util.regex.Pattern.quote(digests[module].substring(0, 19))}\s+1\.0\.0\s+.+\s+pushed/ : row
}
assert !lines[header + 5].contains('lib ') : 'no row for the library'

def summary = support.json(new File(basedir, 'target/ecr-deploy/reactor-summary.json'))
assert summary.complete == true
assert summary.modules*.module == modules
assert summary.modules*.result == ['pushed', 'pushed', 'pushed']
modules.eachWithIndex { module, i ->
    assert summary.modules[i].digest == digests[module]
    assert summary.modules[i].imageUri == "${itRegistry}/it/deploy-reactor/${module}@${digests[module]}"
    assert summary.modules[i].tags == ['1.0.0']
}
assert !log.contains(itRegistryPassword)
return true
