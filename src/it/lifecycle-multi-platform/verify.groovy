// The dry run expires 1.0.0 (an index) with both its platform images, listed under it, and the older seeded
// untagged image; 1.1.0 and its platform images stay, and so does the newer untagged image (the untagged rule
// counts no platform image). The simulation equals the emulator's preview, asked again here on its own.
import groovy.json.JsonSlurper
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repository = 'examples/lifecycle-multi-platform'
def release = { n -> support.json(new File(basedir, "out${n}/push.json")) }
def (olderOrphan, newerOrphan) = new JsonSlurper().parse(new File(basedir, 'target/orphans.json'))
def r1 = release(1)
def r2 = release(2)
assert r1.mediaType == 'application/vnd.oci.image.index.v1+json' && r1.tags == ['1.0.0']
assert r2.mediaType == 'application/vnd.oci.image.index.v1+json' && r2.tags == ['1.1.0']
def r1Platforms = r1.platforms*.digest
assert r1Platforms.size() == 2

// ECR lists eight images: two indexes, four untagged platform images, two untagged seeded images.
def details = support.ecr(itEmulatorEndpoint, 'DescribeImages', [repositoryName: repository]).imageDetails
assert details*.imageDigest as Set == ([r1.digest, r2.digest, olderOrphan, newerOrphan] + r1Platforms +
    r2.platforms*.digest) as Set
assert details.findAll { !it.imageTags }.size() == 6

def report = support.json(new File(basedir, 'target/ecr-deploy/lifecycle.json'))
assert report.dryRun == true && report.applied == false
def expected = ([r1.digest, olderOrphan] + r1Platforms) as Set
assert report.simulation.expire*.digest as Set == expected
assert report.simulation.remaining == 4
assert report.simulation.expire.find { it.digest == r1.digest }.rulePriority == 1
assert report.simulation.expire.find { it.digest == olderOrphan }.rulePriority == 2
for (platform in r1Platforms) {
    def entry = report.simulation.expire.find { it.digest == platform }
    assert entry.index == r1.digest
    assert entry.rulePriority == 1 : 'a platform image goes by the rule that expires its index'
}
// The dry run equals the emulator's preview: in the report, and asked again with GetLifecyclePolicyPreview.
assert report.preview*.digest as Set == expected
assert report.disagreements == []
def preview = support.ecr(itEmulatorEndpoint, 'GetLifecyclePolicyPreview', [repositoryName: repository])
assert preview.status == 'COMPLETE'
assert preview.previewResults*.imageDigest as Set == expected
assert preview.previewResults.every { it.action.type == 'EXPIRE' }

// The table lists each platform image under its index, marked └.
def log = new File(basedir, 'build.log').text
assert log.contains('Simulation: 4 image(s) would expire or be archived (2 of them platform images going with' +
    ' their index), 4 stay')
def lines = log.readLines()
def short12 = { String digest -> digest.substring(0, 19) }
def indexLine = lines.findIndexOf { it.contains("expire     ${short12(r1.digest)} 1.0.0") }
assert indexLine >= 0 : 'no table line for 1.0.0'
r1.platforms.eachWithIndex { platform, i ->
    def line = lines[indexLine + 1 + i]
    assert line.contains("└ ${short12(platform.digest)} ${platform.platform}, with its index ${short12(r1.digest)}") : line
}
assert !log.contains('SIMULATION AND ECR PREVIEW DISAGREE')

// Only the index manifests were read (BatchGetImage counts as a pull), and no policy was put.
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
    .findAll { it.request?.repositoryName == repository }
def lastPush = calls.findLastIndexOf { it.operation == 'PutImage' }
def lifecycleReads = calls.drop(lastPush + 1).findAll { it.operation == 'BatchGetImage' }
assert lifecycleReads*.request*.imageIds.flatten()*.imageDigest as Set == [r1.digest, r2.digest] as Set
assert !calls.any { it.operation == 'PutLifecyclePolicy' }
return true
