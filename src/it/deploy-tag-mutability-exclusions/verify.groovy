// Both exclusion modes: an excluded (mutable) tag moves to a new image; a push that would move an immutable tag is
// refused before anything is uploaded, naming the tag, the mode and the filter; the registry itself (through the
// emulator's front) still has the tags where they were and none of the refused image's blobs.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
def digest = { String dir -> support.json(new File(basedir, "${dir}/image.json")).digest }
def tagOf = { String repository, String tag ->
    support.skopeoDigest(itRegistry, repository, tag, itRegistryUser, itRegistryPassword)
}
// HTTP status of a blob or manifest in the registry (HEAD, with the registry's CA and credentials)
def status = { String repository, String kind, String reference ->
    def (code, out) = support.run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-I',
            '--cacert', "${itRegistryCertDir}/ca.crt".toString(),
            '-u', "${itRegistryUser}:${itRegistryPassword}".toString(),
            "https://${itRegistry}/v2/${repository}/${kind}/${reference}".toString()])
    assert code == 0 : out
    return out.trim()
}
def calls = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
def refusedBeforeUpload = { String repository, String dir ->
    def image = support.json(new File(basedir, "${dir}/image.json"))
    assert status(repository, 'manifests', image.digest) == '404' : "${image.digest} reached ${repository}"
    def appLayer = image.layers[-1].digest
    assert status(repository, 'blobs', appLayer) == '404' : "layer ${appLayer} was uploaded to ${repository}"
    assert !calls.any { it.operation == 'PutImage' && it.request.imageDigest == image.digest }
    assert !calls.any { it.operation == 'BatchCheckLayerAvailability' && it.request.layerDigests?.contains(appLayer) }
}

def iwe = 'it/mutability-immutable-with-exclusion'
def create = calls.find { it.operation == 'CreateRepository' && it.request.repositoryName == iwe }
assert create.request.imageTagMutability == 'IMMUTABLE_WITH_EXCLUSION'
assert create.request.imageTagMutabilityExclusionFilters ==
        [[filterType: 'WILDCARD', filter: 'latest'], [filterType: 'WILDCARD', filter: 'main-*']]
assert tagOf(iwe, '1.0.0') == digest('iwe-1')
assert tagOf(iwe, 'latest') == digest('iwe-2')
assert tagOf(iwe, 'main-1') == digest('iwe-2')
assert log.contains("The repository ${iwe} has immutable tags, and tag '1.0.0' points at ${digest('iwe-1')}, " +
        "this build is ${digest('iwe-3')} (immutable: tagMutability IMMUTABLE_WITH_EXCLUSION, no exclusion filter " +
        "of [latest, main-*] matches it). Nothing was pushed.")
refusedBeforeUpload(iwe, 'iwe-3')

def mwe = 'it/mutability-mutable-with-exclusion'
assert tagOf(mwe, '1.0.0') == digest('mwe-2')
assert tagOf(mwe, 'latest') == digest('mwe-1')
assert log.contains("The repository ${mwe} has immutable tags, and tag 'latest' points at ${digest('mwe-1')}, " +
        "this build is ${digest('mwe-3')} (immutable: tagMutability MUTABLE_WITH_EXCLUSION, filter 'latest'). " +
        "Nothing was pushed.")
refusedBeforeUpload(mwe, 'mwe-3')

def refusals = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/registry-refusals'))
assert !refusals.any { it.contains('/it/mutability-') } : refusals
return true
