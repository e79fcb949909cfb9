// Every module failed with its POM element named, and none of them made a network call.
def support = this.class.classLoader.parseClass(new File(itSupport))
def log = new File(basedir, 'build.log').text

def (tripwire, hits) = System.properties.remove('ecrdeploy.it.badInput.tripwire')
tripwire.close()
assert hits.get() == 0 : "${hits.get()} connection(s) to the tripwire: a module reached for its base image or health endpoint"
def calls = support.calls(itEmulatorEndpoint)
assert calls.isEmpty() : "ECR calls before validation failed: ${calls}"

// module -> the substrings its failure message must contain
def expected = [
    '01-push-repository-empty': ['<repository> (ecr.repository) is empty'],
    '02-push-repository-uppercase': ['<repository> \'Team/Orders\' is not a valid ECR repository name'],
    '03-push-repository-double-slash': ['<repository> \'team//orders\' is not a valid ECR repository name'],
    '04-push-repository-too-short': ['<repository> \'a\' must be 2 to 256 characters long'],
    '05-push-tag-invalid': ['<tags> [-latest] are not valid image tags'],
    '06-push-tag-mutability-unknown': ['<repositorySettings><tagMutability> \'SOMETIMES\' must be MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION'],
    '07-push-encryption-unknown': ['<repositorySettings><encryptionType> \'DES\' must be AES256, KMS or KMS_DSSE'],
    '08-push-kms-key-without-kms': ['<repositorySettings><kmsKey> is only used with <encryptionType>KMS'],
    '09-push-retries-negative': ['<retries> (ecr.retries) must be >= 0, not -1'],
    '10-push-retries-not-a-number': ['retries', '\'many\''],
    '11-push-registry-id-short': ['<registryId> (ecr.registryId) \'12345\' must be a 12-digit AWS account id'],
    '12-push-endpoint-without-scheme': ['<endpoint> (ecr.endpoint) \'api.ecr.eu-west-1.amazonaws.com\' must be an http(s) URL'],
    '13-build-from-unknown-scheme': ['<from> docker://eclipse-temurin:17-jre: unknown scheme \'docker://\''],
    '14-build-from-tar-missing': ['<from> tar://missing.tar: no such file'],
    '15-build-from-tar-not-an-image': ['<from> tar://not-an-image.tar: ', 'is not an image archive'],
    '16-build-from-invalid-reference': ['<from> Base Image:latest is not a valid image reference'],
    '17-build-max-image-size-unparsable': ['<maxImageSize> (ecr.maxImageSize): \'big\' is not a size'],
    '18-build-max-image-size-negative': ['<maxImageSize> (ecr.maxImageSize): \'-5MB\' is not a size'],
    '19-build-port-not-a-number': ['<ports><port> [http] not understood'],
    '20-build-working-directory-relative': ['<workingDirectory> \'app\' must be an absolute Unix path'],
    '21-build-app-root-relative': ['<appRoot> \'app\' must be an absolute Unix path'],
    '22-build-extra-directory-missing': ['<extraDirectories><extraDirectory>[1]', 'is not a directory'],
    '23-lifecycle-keep-last-zero': ['<lifecyclePolicy><rules><rule>[1]<keepLast> must be'],
    '24-lifecycle-keep-last-and-older-than': ['<lifecyclePolicy><rules><rule>[1]', '<keepLast>', '<olderThanDays>'],
    '25-lifecycle-five-wildcards': ['<lifecyclePolicy><rules><rule>[1]<tagPatterns>', 'a*b*c*d*e*'],
    '26-lifecycle-policy-file-malformed': ['<lifecyclePolicy><policyFile>', 'policy.json'],
    '27-lifecycle-policy-file-missing': ['<lifecyclePolicy><policyFile>', 'no-such-policy.json'],
    '28-lifecycle-preview-timeout-negative': ['<previewTimeout> (ecr.lifecycle.previewTimeout) \'-5s\''],
    '29-lifecycle-tag-status-unknown': ['<lifecyclePolicy><rules><rule>[1]<tagStatus>', 'sometimes'],
    '30-lifecycle-rules-and-policy-file': ['<lifecyclePolicy> has both <rules> and <policyFile>'],
    '31-lifecycle-older-than-days-negative': ['<lifecyclePolicy><rules><rule>[1]<olderThanDays>'],
    '32-lifecycle-keep-last-not-a-number': ['keepLast', '\'ten\''],
    '33-health-url-without-scheme': ['<health><endpoints><endpoint>[1]<url>', 'must start with http:// or https://'],
    '34-health-timeout-negative': ['<health><timeout> \'-1m\' is not a duration'],
    '35-health-interval-unparsable': ['<health><interval>', 'soon'],
    '36-health-success-threshold-zero': ['<health><successThreshold> must be >= 1, was 0'],
    '37-health-success-threshold-not-a-number': ['successThreshold', '\'three\''],
    '38-health-promote-tag-immutable': ['<health><promoteTags> [latest] cannot move in bad-input/immutable: its tags are IMMUTABLE'],
    '39-health-promote-tag-invalid': ['<health><promoteTags><tag>[1] \'-prod\' is not an image tag'],
    '40-health-expect-status-unparsable': ['<health><endpoints><endpoint>[1]<expectStatus>'],
    '41-health-server-id-unknown': ['<health><endpoints><endpoint>[1]<serverId> \'no-such-server\' has no <server>'],
    '42-health-json-pointer-without-value': ['<health><endpoints><endpoint>[1]<expectValue> is required with <jsonPointer>'],
    '43-smoke-port-out-of-range': ['<smoke><port> must be between 1 and 65535, was 70000'],
    '44-smoke-engine-unknown': ['<smoke><engine> \'lxc\' is not an engine'],
    '45-smoke-port-not-a-number': ['port', '\'http\''],
    '46-smoke-timeout-negative': ['<smoke><timeout> \'-1s\' is not a duration'],
    '47-build-platform-without-architecture': ['<platforms><platform>[2] \'linux\' is not a platform'],
    '48-push-platform-repeated': ['<platforms><platform>[2] \'linux/arm64/v8\' repeats linux/arm64'],
    '49-push-tag-mutability-exclusion-invalid': ['<repositorySettings><tagMutabilityExclusions> <filter> \'release/*\' must be 1 to 128 characters']
]

// With fail-at-end Maven ends with one "Failed to execute goal ... on project NAME: message" per failed module.
def failures = [:]
log.split(/(?m)^(?=\[ERROR\] Failed to execute goal )/).each { chunk ->
    def project = (chunk =~ /^\[ERROR\] Failed to execute goal .*? on project ([^:\s]+): /)
    if (project.find()) {
        failures[project.group(1)] = chunk
    }
}
def problems = []
expected.each { module, substrings ->
    def message = failures[module]
    if (message == null) {
        problems << "${module}: did not fail"
        return
    }
    substrings.each { text ->
        if (!message.contains(text)) {
            problems << "${module}: the failure does not say \"${text}\":\n${message.readLines().take(3).join('\n')}"
        }
    }
}
assert failures.keySet() == expected.keySet() : "failed modules differ: ${failures.keySet() - expected.keySet()}"
assert problems.isEmpty() : problems.join('\n')
println "bad-input-matrix: ${expected.size()} invalid configurations rejected, each naming its POM element, no network call"
return true
