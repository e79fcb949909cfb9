// Nothing changed between two deploys: the second build says so in one line, runs no Jib and writes no file;
// push still checks ECR and uploads nothing.
import java.text.SimpleDateFormat
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def lines = new File(basedir, 'build.log').readLines()
// The second run's lines, and only those, start with a time stamp (yyyyMMddHHmmssSSS).
def second = lines.findAll { it ==~ /^\d{17} .*/ }
assert second : 'no time-stamped lines from the second run'
def first = lines.findAll { !(it ==~ /^\d{17} .*/) }
long secondStarted = new SimpleDateFormat('yyyyMMddHHmmssSSS').parse(second[0].substring(0, 17)).time

def out = new File(basedir, 'target/ecr-deploy')
def image = support.json(new File(out, 'image.json'))
assert first.any { it.contains("Built image examples/build-no-change ${image.digest}") }
assert !second.any { it.contains('Built image ') } : 'the second build ran Jib'
def noChange = second.findAll { it.contains('Nothing changed since the last build') }
assert noChange.size() == 1 : noChange
assert noChange[0] =~ /\[INFO\] Nothing changed since the last build \(layer inputs, configuration, base image \S+\/base\/jre:17 sha256:[0-9a-f]+…?, plugin\): kept image \Q${image.digest}\E, wrote nothing, Jib not run$/

// Every file build writes is older than the second run.
['image.json', 'manifest.json', 'manifest.mediatype', 'container-spec.sha256', 'build-inputs.sha256'].each { name ->
    def file = new File(out, name)
    assert file.isFile() : "missing ${file}"
    assert file.lastModified() < secondStarted : "${name} was written again by the second build"
}
assert !new File(out, 'image.tar').exists() : 'no smoke in this build: no image.tar'

// push asked ECR and uploaded nothing.
def push = support.json(new File(out, 'push.json'))
assert push.digest == image.digest
assert push.layersUploaded == 0
assert push.bytesUploaded == 0
assert support.skopeoDigest(itRegistry, 'examples/build-no-change', '1.0.0', itRegistryUser, itRegistryPassword) == image.digest
return true
