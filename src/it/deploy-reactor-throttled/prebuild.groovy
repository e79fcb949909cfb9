// Writes the twenty image modules m01 .. m20 from template/ (each image differs by its service.txt), then makes the
// emulator throttle PutImage and the batch calls far below ECR's real quotas (PutImage 10/s, BatchGetImage 2,000/s,
// BatchCheckLayerAvailability 1,000/s per account: https://docs.aws.amazon.com/AmazonECR/latest/userguide/service-quotas.html),
// so that four threads pushing 60 tags meet ThrottlingException. verify.groovy removes the limits.
import groovy.json.JsonOutput

def template = new File(basedir, 'template')
(1..20).each { i ->
    def module = String.format('m%02d', i)
    def dir = new File(basedir, "${module}/src/main/resources")
    dir.mkdirs()
    new File(basedir, "${module}/pom.xml").text = new File(template, 'pom.xml').text.replace('MODULE', module)
    new File(dir, 'service.txt').text = new File(template, 'src/main/resources/service.txt').text.replace('MODULE', module)
}

new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
def limit = [rate: 3, burst: 2]
def connection = new URL(itEmulatorEndpoint + '/_emulator/rate-limits').openConnection()
connection.requestMethod = 'POST'
connection.doOutput = true
connection.setRequestProperty('Content-Type', 'application/json')
connection.outputStream.withWriter {
    it << JsonOutput.toJson([PutImage: limit, BatchGetImage: limit, BatchCheckLayerAvailability: limit])
}
assert connection.responseCode == 200 : "setting the rate limits failed: ${connection.errorStream?.text}"
return true
