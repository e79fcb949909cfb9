// No secret in anything the ITs produced: build logs (the plugin's log lines and exception messages), reports
// (image/push/health/smoke/lifecycle.json wherever an IT put them, everything in target/ecr-deploy) and the invoker's
// reports of failed builds, of the main run (target/it) and of the Maven 3.8 run (target/it-maven-3.8; this scan
// runs last in both). The secrets are the ones the outer pom.xml gives the ITs; they are looked for plain and
// base64-encoded at every byte alignment (so also inside base64("AWS:" + password), the form of ECR tokens).
import java.nio.charset.StandardCharsets

File itRoot = basedir.parentFile                      // target/it or target/it-maven-3.8
File target = itRoot.parentFile                       // target
def itRoots = target.listFiles().findAll { it.isDirectory() && it.name ==~ /it(-maven-.+)?/ }
File pom = new File(target.parentFile, 'pom.xml')
def pomText = pom.text
def secretOf = { String element ->
    def m = pomText =~ "<${element}>([^<]+)</${element}>"
    assert m.find() : "pom.xml has no <${element}>: keep the IT secrets there, or update this scan"
    def value = m.group(1).trim()
    assert value.length() >= 12 : "<${element}> '${value}' is too short to be a recognisable sentinel"
    return value
}
def secrets = [
    'AWS secret access key': secretOf('AWS_SECRET_ACCESS_KEY'),
    'registry password': secretOf('it.registryPassword'),
]

def forms = { String secret ->
    def result = [(secret): 'plain']
    (0..2).each { offset ->
        def encoded = Base64.encoder.encodeToString(('x' * offset + secret).getBytes(StandardCharsets.UTF_8))
        result[encoded.substring(offset == 0 ? 0 : 4, encoded.length() - 4)] = "base64 (alignment ${offset})"
    }
    return result
}

def reportNames = ['image.json', 'push.json', 'health.json', 'smoke.json', 'lifecycle.json'] as Set
def scanned = []
itRoots.each { root -> root.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def path = file.path
    if (path.startsWith(basedir.path)) {
        return
    }
    boolean log = file.name == 'build.log'
    boolean report = file.name in reportNames || (path.contains('/target/ecr-deploy/') && file.name.endsWith('.json'))
    if (log || report) {
        scanned << file
    }
} }
target.listFiles().findAll { it.isDirectory() && it.name.startsWith('invoker-reports') }.each { reports ->
    reports.eachFileMatch(~/BUILD-.*\.xml/) { scanned << it }
}

def logs = scanned.count { it.name == 'build.log' }
def pushReports = scanned.count { it.name == 'push.json' }
assert logs >= 2 : "only ${logs} build logs found under ${itRoot}: did the other ITs run before this one?"
assert pushReports >= 1 : "no push.json found under ${itRoot}: did the deploy ITs run before this one?"

def leaks = []
scanned.each { file ->
    def text = file.getText('UTF-8')
    secrets.each { name, secret ->
        forms(secret).each { form, how ->
            int at = text.indexOf(form)
            if (at >= 0) {
                def line = text.substring(0, at).count('\n') + 1
                leaks << "${target.toPath().relativize(file.toPath())}:${line}: the ${name} (${how})"
            }
        }
    }
}
assert leaks.isEmpty() : "Secrets in IT output:\n" + leaks.join('\n')
println "zz-secrets-scan: ${scanned.size()} files (${logs} build logs, ${pushReports} push.json) in ${itRoots*.name} free of the IT secrets"
return true
