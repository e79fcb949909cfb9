// 120 tags: no BatchGetImage carried more than 100 image ids (ECR's limit), every tag points at the pushed digest
// in the registry and in DescribeImages, and the second run moved no tag.
import groovy.json.JsonSlurper
import java.util.concurrent.Callable
import java.util.concurrent.Executors
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def repository = 'examples/deploy-many-tags'
def tags = (1..120).collect { String.format('build-%03d', it) }
def push = support.json(new File(basedir, 'target/ecr-deploy/push.json'))
assert push.tags == tags
assert push.tagsMoved == [] && push.tagsUnchanged == tags : 'the second run finds every tag in place'

def calls = new JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
    .findAll { it.request?.repositoryName == repository }
def gets = calls.findAll { it.operation == 'BatchGetImage' }
assert !gets.isEmpty()
gets.each { assert it.request.imageIds.size() <= 100 : "BatchGetImage with ${it.request.imageIds.size()} ids" }
assert gets.every { it.errorType == null } : gets.findAll { it.errorType }*.errorType
// Each run read all 120 tags, so at least one call of each run was full and another carried the rest.
assert gets.count { it.request.imageIds.size() == 100 } >= 2
assert gets*.request*.imageIds.flatten()*.imageTag.findAll { it } as Set == tags as Set
assert calls.count { it.operation == 'PutImage' && !it.errorType } == 120 : 'one PutImage per tag, all in the first run'

def details = support.ecr(itEmulatorEndpoint, 'DescribeImages', [repositoryName: repository]).imageDetails
assert details*.imageDigest == [push.digest]
assert details[0].imageTags as Set == tags as Set

def creds = "${itRegistryUser}:${itRegistryPassword}".toString()
def (code, listed) = support.run(['skopeo', 'list-tags', '--tls-verify=false', '--creds', creds,
                                  "docker://${itRegistry}/${repository}".toString()])
assert code == 0 : listed
assert new JsonSlurper().parseText(listed).Tags as Set == tags as Set
def pool = Executors.newFixedThreadPool(4)
try {
    def digests = pool.invokeAll(tags.collect { tag ->
        { -> [tag, support.skopeoDigest(itRegistry, repository, tag, itRegistryUser, itRegistryPassword)] } as Callable
    })*.get()
    digests.each { tag, digest -> assert digest == push.digest : "${tag} points at ${digest}" }
} finally {
    pool.shutdown()
}
return true
