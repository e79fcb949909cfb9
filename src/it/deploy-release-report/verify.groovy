// One release summary: printed once, in release.json and release.md, and appended to $GITHUB_STEP_SUMMARY.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
try {
    def out = new File(basedir, 'target/ecr-deploy')
    def image = support.json(new File(out, 'image.json'))
    def push = support.json(new File(out, 'push.json'))
    def release = support.json(new File(out, 'release.json'))
    assert release.module == 'deploy-release-report'
    assert release.imageUri == push.imageUri && release.digest == image.digest
    assert release.sizeBytes == image.sizeBytes && release.maxImageSizeBytes == 150_000_000
    assert release.layersUploaded == push.layersUploaded && release.layersReused == push.layersSkipped
    assert release.bytesUploaded == push.bytesUploaded
    assert release.goals*.goal == ['build', 'push', 'lifecycle', 'health']
    assert release.goals.every { it.millis >= 0 }
    assert release.tagsMoved == push.tagsMoved
    assert release.health == 'green' && release.timeToGreenMillis > 0
    assert release.storage.startsWith('1 images, ')

    def md = new File(out, 'release.md').text
    assert md.startsWith('### Release of `deploy-release-report`')
    assert md.contains("| image | `${push.imageUri}` |")
    assert md.contains('| goals | build ')
    assert md.contains("| tags moved | ${push.tagsMoved.join(', ')} |")
    assert md.contains('| health | green after ')
    assert md.contains('| storage | 1 images, ')
    assert new File(basedir, 'step-summary.md').text == '## Earlier step\n\n' + md + '\n'

    def log = new File(basedir, 'build.log').text
    assert log.count('Release of deploy-release-report: ') == 1
    assert log.contains('appended to $GITHUB_STEP_SUMMARY')
} finally {
    support.removeDeployed(basedir)
}
return true
