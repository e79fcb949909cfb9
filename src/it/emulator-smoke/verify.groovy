// Uses the test bed's ECR emulator the way an IT's verify.groovy can: ECR API calls as awsJson1_1 POSTs (no SDK
// needed), the control API under /_emulator/, and the registry behind it.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def http(String method, String path, Object body = null, Map<String, String> headers = [:]) {
    def connection = new URL(itEmulatorEndpoint + path).openConnection()
    connection.requestMethod = method
    headers.each { k, v -> connection.setRequestProperty(k, v) }
    if (body != null) {
        connection.doOutput = true
        connection.outputStream.withWriter('UTF-8') { it << JsonOutput.toJson(body) }
    }
    def status = connection.responseCode
    def text = (status < 400 ? connection.inputStream : connection.errorStream).getText('UTF-8')
    return [status: status, json: text ? new JsonSlurper().parseText(text) : null]
}

def ecr(String operation, Map request) {
    def response = http('POST', '/', request, ['Content-Type': 'application/x-amz-json-1.1',
            'X-Amz-Target': "AmazonEC2ContainerRegistry_V20150921.$operation".toString()])
    assert response.status == 200 : "$operation answered ${response.status}: ${response.json}"
    return response.json
}

def run(List<String> command) {
    def process = command.execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command.join(' ')} exited ${process.exitValue()}:\n$out\n$err"
}

def repository = 'it/emulator-smoke'
assert http('POST', '/_emulator/calls/clear', [:]).status == 200

def auth = ecr('GetAuthorizationToken', [:]).authorizationData[0]
assert auth.proxyEndpoint == "https://${itRegistry}".toString()
assert new String(auth.authorizationToken.decodeBase64(), 'UTF-8') == "${itRegistryUser}:${itRegistryPassword}".toString()

ecr('CreateRepository', [repositoryName: repository, imageTagMutability: 'IMMUTABLE'])
def missing = http('POST', '/', [repositoryName: 'it/never-created'], ['Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AmazonEC2ContainerRegistry_V20150921.DescribeImages'])
assert missing.status == 400 && missing.json.__type == 'RepositoryNotFoundException'

// A push straight to the registry (as Jib does with the token) is visible right away.
run(['skopeo', 'copy', '--src-cert-dir', itRegistryCertDir, '--dest-cert-dir', itRegistryCertDir,
     '--src-creds', "${itRegistryUser}:${itRegistryPassword}", '--dest-creds', "${itRegistryUser}:${itRegistryPassword}",
     "docker://${itBaseImage}", "docker://${itRegistry}/${repository}:1.0.0"])
def images = ecr('DescribeImages', [repositoryName: repository]).imageDetails
assert images.size() == 1 && images[0].imageTags == ['1.0.0'] : images
assert images[0].imageDigest ==~ /sha256:[0-9a-f]{64}/

// Seed a push time (for lifecycle dry runs) and read it back.
assert http('POST', '/_emulator/images/pushedAt',
        [repositoryName: repository, imageTag: '1.0.0', pushedAt: 1700000000]).status == 200
assert ecr('DescribeImages', [repositoryName: repository]).imageDetails[0].imagePushedAt == 1700000000

def calls = http('GET', '/_emulator/calls').json
assert calls*.operation == ['GetAuthorizationToken', 'CreateRepository', 'DescribeImages', 'DescribeImages',
                            'DescribeImages'] : calls
assert calls[2].errorType == 'RepositoryNotFoundException'
def violations = http('GET', '/_emulator/violations').json
assert !violations.any { it.contains(repository) } : violations
return true
