// Copy the project to another directory, so the second invocation builds the same inputs elsewhere.
def copy = new File(basedir, 'elsewhere/deeper/project')
copy.mkdirs()
new File(basedir, 'pom.xml').withInputStream { new File(copy, 'pom.xml') << it }
new File(copy, 'src/main/resources').mkdirs()
new File(copy, 'src/main/resources/greeting.txt').text = new File(basedir, 'src/main/resources/greeting.txt').text
return true
