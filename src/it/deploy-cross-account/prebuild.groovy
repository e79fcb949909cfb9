// What the registry account's administrator does once: create the repository in account @it.otherAccountId@'s registry
// and grant the CI role of the build's account in its repository policy (aws ecr create-repository / set-repository-policy
// with that account's credentials). The control API acts as that account; the build itself only has the CI account's
// credentials. repository-policy.json (shown in docs/push.md) names the docs' CI account 111122223333: here the CI
// account is the emulator's own, 123456789012 (EcrEmulator.REGISTRY_ID).
def support = this.class.classLoader.parseClass(new File(itSupport))
def (created, repository) = support.control(itEmulatorEndpoint, 'repositories',
        [registryId: itOtherAccountId, repositoryName: 'team/orders', imageTagMutability: 'MUTABLE'])
assert created == 200 || repository.__type == 'RepositoryAlreadyExistsException' : repository
def policy = new File(basedir, 'repository-policy.json').text.replace('111122223333', '123456789012')
def (granted, answer) = support.control(itEmulatorEndpoint, 'repository-policy',
        [registryId: itOtherAccountId, repositoryName: 'team/orders', policyText: policy])
assert granted == 200 : answer
return true
