// The failure names the budget, the actual size and the three largest layers; no image.json is left behind.
def log = new File(basedir, 'build.log').text
assert log =~ /The image is [0-9.]+ MB compressed, over the <maxImageSize> budget of 1\.0 MB\. Largest layers: base [0-9.]+ MB, \S+ [0-9.]+ \S+, \S+ [0-9.]+ \S+\./
assert !new File(basedir, 'target/ecr-deploy/image.json').exists()
return true
