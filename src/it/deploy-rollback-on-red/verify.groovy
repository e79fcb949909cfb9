// The red third release was rolled back automatically: the service answers with the second release again,
// prod and prod-previous did not move, health.json records both gates, and the build failed saying so.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def repo = 'examples/deploy-rollback-on-red'
    def one = support.json(new File(basedir, 'first/push.json')).digest
    def two = support.json(new File(basedir, 'second/push.json')).digest
    def broken = support.json(new File(basedir, 'target/ecr-deploy/push.json')).digest
    assert [one, two, broken].unique().size() == 3
    def tag = { t -> support.skopeoDigest(itRegistry, repo, t, itRegistryUser, itRegistryPassword) }
    assert tag('prod') == two
    assert tag('prod-previous') == one
    // Roll-outs in order: three releases, then the roll-back to the second with ECR_ROLLBACK=true.
    assert new File(basedir, 'deployed/28260.history').readLines() == [
        "${one} rollback=false", "${two} rollback=false", "${broken} rollback=false", "${two} rollback=true"]*.toString()
    def (status, body) = support.waitFor('http://127.0.0.1:28260/health', 30)
    assert status == 200 && body.contains('"greeting":"two"') : body
    def health = support.json(new File(basedir, 'target/ecr-deploy/health.json'))
    assert health.result == 'red'
    assert health.rollback.outcome == 'green'
    assert health.rollback.image == two
    assert health.rollback.tags == ['prod']
    assert health.rollback.gate.result == 'green'
    def log = new File(basedir, 'build.log').text
    assert log.contains("Health gate red for ${broken} — rolled back to ${two} (prod), healthy again after ")
    assert log.contains('Tags [prod] were not moved.')
    assert log =~ /Roll-back gate: \[2\] GET http:\/\/127\.0\.0\.1:28260\/health: skipping <expectValue> '1\.0\.0'/
    // The second release kept the first as prod-previous.
    assert log.contains("Tagged ${repo}:prod-previous -> ${one}")
} finally {
    support.removeDeployed(basedir)
}
return true
