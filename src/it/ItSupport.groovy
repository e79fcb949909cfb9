// Shared helpers for the verify scripts of the integration tests (loaded with parseClass).
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

class ItSupport {
    /** Parses a JSON file. */
    static Object json(File file) {
        assert file.isFile() : "missing ${file}"
        return new JsonSlurper().parse(file)
    }

    /** The test bed's containers.conf; podman needs it on these machines (set by each script from itContainersConf). */
    static String containersConf

    /** Runs a command, returns [exitCode, output]; output is stdout and stderr together. */
    static List run(List<String> command, Map<String, String> env = [:]) {
        def builder = new ProcessBuilder(command).redirectErrorStream(true)
        if (containersConf) {
            builder.environment().put('CONTAINERS_CONF', containersConf)
        }
        builder.environment().putAll(env)
        def process = builder.start()
        def out = process.inputStream.text
        return [process.waitFor(), out]
    }

    /** The digest a tag points at in the test registry, as skopeo sees it. */
    static String skopeoDigest(String registry, String repository, String tag, String user, String password) {
        def (code, out) = run(['skopeo', 'inspect', '--tls-verify=false', '--creds', "${user}:${password}".toString(),
                               '--format', '{{.Digest}}', "docker://${registry}/${repository}:${tag}".toString()])
        assert code == 0 : "skopeo inspect ${repository}:${tag} failed: ${out}"
        return out.trim()
    }

    /** Calls the ECR emulator the way the AWS SDK does (awsJson1_1), returns the parsed response. */
    static Object ecr(String endpoint, String operation, Map body) {
        def connection = new URL(endpoint).openConnection()
        connection.requestMethod = 'POST'
        connection.doOutput = true
        connection.setRequestProperty('Content-Type', 'application/x-amz-json-1.1')
        connection.setRequestProperty('X-Amz-Target', "AmazonEC2ContainerRegistry_V20150921.${operation}".toString())
        connection.outputStream.withWriter { it << JsonOutput.toJson(body) }
        def stream = connection.responseCode < 400 ? connection.inputStream : connection.errorStream
        return new JsonSlurper().parse(stream)
    }

    /** POSTs {@code body} to the emulator's control API ({@code path} under {@code /_emulator/}); returns [status, parsed answer]. */
    static List control(String endpoint, String path, Map body) {
        def connection = new URL(endpoint + '/_emulator/' + path).openConnection()
        connection.requestMethod = 'POST'
        connection.doOutput = true
        connection.setRequestProperty('Content-Type', 'application/json')
        connection.outputStream.withWriter { it << JsonOutput.toJson(body) }
        def stream = connection.responseCode < 400 ? connection.inputStream : connection.errorStream
        return [connection.responseCode, new JsonSlurper().parse(stream)]
    }

    /** The operations the emulator received, in order. */
    static List<String> calls(String endpoint) {
        def calls = new JsonSlurper().parse(new URL(endpoint + '/_emulator/calls'))
        return calls.collect { it.operation }
    }

    /** Makes the emulator fail the next {@code count} calls of an operation. */
    static void fault(String endpoint, String operation, int count, String errorType, int status) {
        def connection = new URL(endpoint + '/_emulator/faults').openConnection()
        connection.requestMethod = 'POST'
        connection.doOutput = true
        connection.setRequestProperty('Content-Type', 'application/json')
        connection.outputStream.withWriter {
            it << JsonOutput.toJson([operation: operation, count: count, errorType: errorType, status: status])
        }
        assert connection.responseCode < 300 : "fault injection failed: ${connection.responseCode}"
    }

    /** A free loopback port. */
    static int freePort() {
        def socket = new ServerSocket(0)
        try { return socket.localPort } finally { socket.close() }
    }

    /** GETs a URL until it answers 200 or {@code seconds} pass; returns [status, body]. */
    static List waitFor(String url, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L
        def last = [0, '']
        while (System.currentTimeMillis() < deadline) {
            try {
                def connection = new URL(url).openConnection()
                connection.connectTimeout = 1000
                connection.readTimeout = 2000
                int status = connection.responseCode
                last = [status, status < 400 ? connection.inputStream.text : connection.errorStream?.text]
                if (status == 200) {
                    return last
                }
            } catch (IOException ignored) {
                // not up yet
            }
            Thread.sleep(250)
        }
        return last
    }

    /** Removes, by their ids, the containers that quickstart/roll-out.sh started for this IT. */
    static void removeDeployed(File basedir) {
        new File(basedir, 'deployed').listFiles()?.findAll { it.name.endsWith('.cid') }?.each {
            run(['podman', 'rm', '-f', '-t', '1', it.text.trim()])
        }
    }
}
