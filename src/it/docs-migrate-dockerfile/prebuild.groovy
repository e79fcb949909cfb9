def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
