// The repository exists with the requested settings.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repo = support.ecr(itEmulatorEndpoint, 'DescribeRepositories', [repositoryNames: ['examples/deploy-repository-settings']]).repositories[0]
assert repo.imageTagMutability == 'IMMUTABLE'
assert repo.imageScanningConfiguration.scanOnPush == false
assert repo.encryptionConfiguration.encryptionType == 'AES256'
def create = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls')).find {
    it.operation == 'CreateRepository' && it.request.repositoryName == 'examples/deploy-repository-settings'
}
assert create.request.tags == [[Key: 'owner', Value: 'team-examples']]
// AES256 is also ECR's (and the emulator's) default, so check what the plugin asked for, not only the outcome.
assert create.request.encryptionConfiguration == [encryptionType: 'AES256'] : create.request
assert create.request.imageTagMutability == 'IMMUTABLE' : create.request
assert create.request.imageScanningConfiguration == [scanOnPush: false] : create.request
return true
