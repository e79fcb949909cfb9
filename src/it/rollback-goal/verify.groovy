// ecr-deploy:rollback: refused without a previous image (nothing ran), then back to the first release with the
// tags swapped, then forward again to the second.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def repo = 'examples/rollback-goal'
    def one = support.json(new File(basedir, 'first/push.json')).digest
    def two = support.json(new File(basedir, 'second/push.json')).digest
    assert one != two
    def log = new File(basedir, 'build.log').text
    assert log.contains("Cannot roll back: no previous image, prod-previous does not exist in ${repo}")
    assert !new File(basedir, 'refused/rollback.json').exists()

    def back = support.json(new File(basedir, 'back/rollback.json'))
    assert back.from == two && back.to == one
    assert back.tagsMoved == ['prod', 'prod-previous']
    assert back.gate.green == true && back.gate.timeToGreen >= 0
    def forward = support.json(new File(basedir, 'forward/rollback.json'))
    assert forward.from == one && forward.to == two
    assert forward.tagsMoved == ['prod', 'prod-previous']
    assert forward.gate.green == true

    // Roll-outs in order: the refused roll-back ran nothing.
    assert new File(basedir, 'deployed/28261.history').readLines() == [
        "${one} rollback=false", "${two} rollback=false", "${one} rollback=true", "${two} rollback=true"]*.toString()
    def tag = { t -> support.skopeoDigest(itRegistry, repo, t, itRegistryUser, itRegistryPassword) }
    assert tag('prod') == two
    assert tag('prod-previous') == one
    def (status, body) = support.waitFor('http://127.0.0.1:28261/health', 30)
    assert status == 200 && body.contains('"greeting":"two"') : body
    assert log.contains("Rolled back to ${one}, healthy after ")
    assert log.contains("Rolled back to ${two}, healthy after ")
} finally {
    support.removeDeployed(basedir)
}
return true
