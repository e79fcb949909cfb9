// Same inputs, different directories, different times: the same digest.
def support = this.class.classLoader.parseClass(new File(itSupport))
support.containersConf = itContainersConf
def one = support.json(new File(basedir, 'target/ecr-deploy/image.json'))
def two = support.json(new File(basedir, 'elsewhere/deeper/project/target/ecr-deploy/image.json'))
assert one.digest == two.digest
assert one.imageId == two.imageId
assert one.layers*.digest == two.layers*.digest
// Not only what image.json says: the image archives themselves are byte for byte the same.
def sha256 = { String path ->
    def file = new File(path)
    assert file.isFile() : "missing ${file}"
    def digest = java.security.MessageDigest.getInstance('SHA-256')
    file.withInputStream { input ->
        byte[] buffer = new byte[65536]
        int n
        while ((n = input.read(buffer)) > 0) {
            digest.update(buffer, 0, n)
        }
    }
    return digest.digest().encodeHex().toString()
}
assert sha256(one.imageTar) == sha256(two.imageTar) : "image.tar differs: ${one.imageTar} vs ${two.imageTar}"
return true
