// The image is in the registry account's registry and not in the CI account's; push.json names that registry's host;
// every ECR call went to the registry account and is granted by both the CI role's policy and the repository policy.
import groovy.json.JsonSlurper

def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def image = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.imageUri == "${itOtherAccountRegistry}/team/orders@${image.digest}"

// The registry account's token, as the build got it (GetAuthorizationToken with registryIds); never printed.
def auth = support.ecr(itEmulatorEndpoint, 'GetAuthorizationToken', [registryIds: [itOtherAccountId]]).authorizationData[0]
assert auth.proxyEndpoint == "https://${itOtherAccountRegistry}"
def otherPassword = new String(auth.authorizationToken.decodeBase64(), 'UTF-8').split(':', 2)[1]
// The repository policy grants no layer downloads (ecr:GetDownloadUrlForLayer), so read only the manifest.
for (tag in ['1.0.0', 'latest']) {
    def (status, manifest) = support.run(['skopeo', 'inspect', '--raw', '--tls-verify=false', '--creds',
                                          "AWS:${otherPassword}".toString(),
                                          "docker://${itOtherAccountRegistry}/team/orders:${tag}".toString()])
    assert status == 0 : "skopeo inspect team/orders:${tag} in the registry account failed: ${manifest}"
    def digest = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(manifest.getBytes('UTF-8')).encodeHex()
    assert digest == image.digest : "${tag} points at ${digest}"
}
def (code, out) = support.run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${itRegistryUser}:${itRegistryPassword}".toString(),
                               "docker://${itRegistry}/team/orders:1.0.0".toString()])
assert code != 0 && out.contains('unknown') : "team/orders exists in the CI account's registry: ${out}"

// The lifecycle policy was put on the registry account's repository; the CI account has no team/orders.
def otherState = new JsonSlurper().parse(new URL(itEmulatorEndpoint + "/_emulator/state?registryId=${itOtherAccountId}"))
assert otherState.repositories.find { it.repositoryName == 'team/orders' }.lifecyclePolicyText.contains('"untagged"')
def ownState = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/state'))
assert !ownState.repositories.any { it.repositoryName == 'team/orders' }

// Every call of this build (other ITs share the emulator) named the registry account and is granted on both sides.
def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls')).findAll {
    it.request.registryId == itOtherAccountId || it.request.registryIds == [itOtherAccountId]
}
assert calls.any { it.operation == 'GetAuthorizationToken' }
assert calls.any { it.operation == 'PutImage' } && calls.any { it.operation == 'PutLifecyclePolicy' }
// refused calls would mean a missing grant (the first GetLifecyclePolicy finds no policy yet, as ECR answers it)
assert calls.every { it.errorType in [null, 'LifecyclePolicyNotFoundException'] } : calls.findAll { it.errorType }
def actions = { String file -> support.json(new File(basedir, file)).Statement.collectMany { it.Action }.collect { it - 'ecr:' } }
def ciRole = actions('ci-role-policy.json')
def repositoryPolicy = actions('repository-policy.json') + ['GetAuthorizationToken'] // not a repository action
def operations = calls*.operation.unique()
assert ciRole.containsAll(operations) : "not granted by ci-role-policy.json: ${operations - ciRole}"
assert repositoryPolicy.containsAll(operations) : "not granted by repository-policy.json: ${operations - repositoryPolicy}"
def log = new File(basedir, 'build.log').text
assert log.contains("Pushed ${push.imageUri}")
assert !log.contains(otherPassword) && !log.contains(itRegistryPassword) : 'a registry password leaked into the log'
return true
