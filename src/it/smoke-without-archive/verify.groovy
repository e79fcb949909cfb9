// smoke after a build that wrote no image.tar fails naming <writeTar>; after -Decr.writeTar=true it runs the image.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
// build.log holds the four invocations of invoker.properties, one after the other.
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { it.contains('BUILD ') }
assert runs.size() == 4 : "expected 4 invocations, found ${runs.size()}"

assert runs[0].contains('BUILD SUCCESS')
assert runs[0].contains('No image.tar: no ecr-deploy:smoke in this build (<writeTar>true</writeTar> writes it)')

def errors = runs[1].readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 : errors
assert errors[0].contains(':smoke ') : errors[0]
assert errors[0].contains('image.tar: ecr-deploy:build writes the image archive only when smoke runs in the same build') : errors[0]
assert errors[0].contains('set <writeTar>true</writeTar> (-Decr.writeTar=true) or run smoke in the same build') : errors[0]

assert runs[2].contains('BUILD SUCCESS') && !runs[2].contains('No image.tar')
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
assert new File(image.imageTar).isFile()
assert runs[3].contains('BUILD SUCCESS')
def smoke = support.json(new File(basedir, 'target/ecr-deploy/smoke.json'))
assert smoke.result == 'green' : smoke
assert smoke.container.image
return true
