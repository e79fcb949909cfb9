// Under -o: build works from the cache, the network goals stop with a message naming -o, nothing reached ECR.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
// build.log holds the six invocations of invoker.properties, one after the other.
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).findAll { it.contains('BUILD ') }
assert runs.size() == 6 : "expected 6 invocations, found ${runs.size()}"
def errorLines = { String run -> run.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') } }

assert runs[0].contains('BUILD SUCCESS') && runs[0].contains('Built image it/offline-goals ')

assert runs[1].contains('Built image it/offline-goals ') : 'the offline build from the cached base image'
['push', 'lifecycle', 'health'].eachWithIndex { goal, i ->
    def errors = errorLines(runs[i + 1])
    assert errors.size() == 1 : errors
    assert errors[0].contains(":${goal} ") : errors[0]
    assert errors[0].contains("ecr-deploy:${goal} needs the network (") : errors[0]
    assert errors[0].contains(') but Maven runs offline (--offline/-o). Run without -o, or skip the goal with -Decr.' + goal + '.skip=true') : errors[0]
}

def missingBase = errorLines(runs[4])
assert missingBase.size() == 1 && missingBase[0].contains(':build ') : missingBase
assert missingBase[0].contains("The base image <from> ${itBaseImage} is not (completely) in the base image cache ")
assert missingBase[0].contains('Build once without -o and with -Decr.alwaysCacheBaseImage=true (<alwaysCacheBaseImage>) to cache it, or use a tar:// base image.')

assert runs[5].contains('BUILD SUCCESS') && runs[5].contains('Built image it/offline-goals ')
assert runs[5].contains('Skipping ecr-deploy:push (ecr.push.skip)')

def calls = support.calls(itEmulatorEndpoint)
assert calls.isEmpty() : "the emulator saw calls: ${calls}"
return true
