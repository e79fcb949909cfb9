// The error says what to set.
def log = new File(basedir, 'build.log').text
assert log.contains('No main class: set <mainClass> (ecr.mainClass), or a Main-Class entry in the jar manifest')
assert !new File(basedir, 'target/ecr-deploy/image.tar').exists()
return true
