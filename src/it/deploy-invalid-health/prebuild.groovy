// Remembers how many ECR calls the emulator has seen, so that verify.groovy can assert this build made none.
def calls = new groovy.json.JsonSlurper().parse(new URL(itEmulatorEndpoint + '/_emulator/calls'))
new File(basedir, 'calls-before.txt').text = calls.size().toString()
return true
