def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def log = new File(basedir, 'build.log').text
assert log.contains('<lifecyclePolicy><rules><rule>[1]<keepLast> must be')
assert log =~ /<lifecyclePolicy><rules><rule>\[1\]<tagPatterns>.*a\*b\*c\*d\*e\*/
assert log =~ /<lifecyclePolicy><rules><rule>\[2\].*<keepLast>.*<olderThanDays>/
assert support.calls(itEmulatorEndpoint).isEmpty()
return true
