def support = this.class.classLoader.parseClass(new File(itSupport))
new URL(emulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
support.fault(emulatorEndpoint, 'GetAuthorizationToken', 2, 'ThrottlingException', 400)
return true
