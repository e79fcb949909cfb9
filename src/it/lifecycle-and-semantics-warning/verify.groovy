def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] .*<rule>\[1\].*every/ : 'no AND-semantics warning'
assert log =~ /one rule per prefix/
return true
