// Starts tinyproxy (basic auth) on 127.0.0.1:28284, the proxy of this IT's proxy-settings.xml; verify.groovy stops it.
// It is tied to the invoking thread (setpriv --pdeathsig) and ends after 15 minutes in any case.
def dir = new File(basedir, 'proxy')
dir.mkdirs()
def conf = new File(dir, 'tinyproxy.conf')
conf.text = """Port 28284
Listen 127.0.0.1
Timeout 600
LogFile "${new File(dir, 'tinyproxy.log')}"
LogLevel Connect
MaxClients 100
Allow 127.0.0.1
BasicAuth deployer it-proxy-password-never-logged
DisableViaHeader Yes
"""
def process = new ProcessBuilder('setpriv', '--pdeathsig', 'TERM', '--', 'timeout', '900',
                                 'tinyproxy', '-d', '-c', conf.path)
        .redirectErrorStream(true).redirectOutput(new File(dir, 'tinyproxy.out')).start()
new File(dir, 'tinyproxy.pid').text = process.pid().toString()
long deadline = System.currentTimeMillis() + 30_000
while (true) {
    try {
        new Socket('127.0.0.1', 28284).close()
        break
    } catch (IOException e) {
        assert process.alive && System.currentTimeMillis() < deadline : "tinyproxy did not start: ${new File(dir, 'tinyproxy.out').text}"
        Thread.sleep(100)
    }
}
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
