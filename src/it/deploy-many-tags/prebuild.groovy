def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
support.ecr(itEmulatorEndpoint, 'CreateRepository', [repositoryName: 'examples/deploy-many-tags'])
new URL(itEmulatorEndpoint + '/_emulator/calls/clear').openConnection().with { requestMethod = 'POST'; responseCode }
return true
