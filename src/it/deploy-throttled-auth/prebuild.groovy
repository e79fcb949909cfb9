def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
support.fault(itEmulatorEndpoint, 'GetAuthorizationToken', 2, 'ThrottlingException', 400)
return true
