def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] .*<rule>\[1\]<tagPrefixes> has 4 entries.*EVERY entry/ : 'no AND-semantics warning'
assert log =~ /one rule per prefix/
return true
