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
return true
