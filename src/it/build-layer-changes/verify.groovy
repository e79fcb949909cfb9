// Each rebuild says why a layer changed: nothing (all reused), the application's files, then commons-codec.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('Every layer was reused from the previous build')
assert log.contains('cache hit: 100.0%')
def application = log.readLines().find { it.contains('application: changed') }
assert application =~ /application: changed \u2014 content of \d+ files/
// The last build: only the dependency upgrade changed, and image.json says so.
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def deps = image.layers.find { it.kind == 'dependencies' }
assert !deps.reused
assert deps.changedBecause == 'dependencies: changed \u2014 commons-codec 1.17.1 \u2192 1.18.0'
assert deps.inputs.jars*.name.contains('commons-codec-1.18.0.jar')
assert deps.inputs.jars.every { it.sha256.startsWith('sha256:') && it.size > 0 }
def app = image.layers.find { it.kind == 'application' }
assert app.reused && app.changedBecause == null && app.inputs.files > 1 && app.inputs.digest.startsWith('sha256:')
assert image.layers.findAll { it.kind == 'base' }.every { it.reused && it.inputs.image && it.inputs.digest }
long reused = image.layers.findAll { it.reused }.sum { it.sizeBytes as long }
assert image.cacheHitRatio == Math.floor(reused * 1000.0 / image.sizeBytes) / 1000.0
assert image.cacheHitRatio > 0 && image.cacheHitRatio < 1
assert log.contains('dependencies: changed')
return true
