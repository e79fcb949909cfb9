def support = this.class.classLoader.parseClass(new File(itSupport))
new URL(emulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
