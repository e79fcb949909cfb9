// Only the application layer differs between the two builds; everything below it is byte-identical.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def first = support.json(new File(basedir, 'first/image.json'))
def second = support.json(new File(basedir, 'second/image.json'))
assert first.digest != second.digest
assert first.layers*.kind == second.layers*.kind
first.layers.eachWithIndex { layer, i ->
    if (layer.kind == 'application') {
        assert layer.digest != second.layers[i].digest
    } else {
        assert layer.digest == second.layers[i].digest : "${layer.kind} changed"
    }
}
return true
