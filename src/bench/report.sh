#!/usr/bin/env bash
# Summarises WORK_DIR/results.tsv of run-benchmark.sh as the Markdown table of docs/performance.md.
#   src/bench/report.sh WORK_DIR RUNS
set -euo pipefail
WORK=$1
RUNS=$2
awk -F'\t' -v runs="$RUNS" -v sizes="$WORK/image-sizes.tsv" '
  function median(list, n,   a, i, j, t) {
    split(list, a, " "); n = length(a)
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function minimum(list,   a, i, m) { split(list, a, " "); m = a[1]; for (i in a) if (a[i] + 0 < m + 0) m = a[i]; return m }
  function maximum(list,   a, i, m) { split(list, a, " "); m = a[1]; for (i in a) if (a[i] + 0 > m + 0) m = a[i]; return m }
  function secs(ms) { return sprintf("%.2f", ms / 1000) }
  function mb(bytes) {
    return bytes >= 1048576 ? sprintf("%.1f MB", bytes / 1048576) : bytes >= 1024 ? sprintf("%.0f kB", bytes / 1024) : sprintf("%d B", bytes)
  }
  NR == 1 || $3 == 0 { next }
  { k = $1 SUBSEP $2; ms[k] = ms[k] " " $4; rss[k] = rss[k] " " $5; up[k] = up[k] " " $6; blobs[k] = blobs[k] " " $7
    man[k] = man[k] " " $9; cpu[k] = cpu[k] " " $11; down[k] = down[k] " " ($12 == "" ? 0 : $12)
    downAll[k] = downAll[k] " " ($13 == "" ? 0 : $13) }
  END {
    while ((getline line < sizes) > 0) { split(line, f, "\t"); size[f[1]] = f[2] }
    bare = ("bare" SUBSEP "bare") in ms ? median(ms["bare" SUBSEP "bare"]) : ""
    bareCode = ("bare-code" SUBSEP "bare") in ms ? median(ms["bare-code" SUBSEP "bare"]) : ""
    printf "| scenario | tool | median | min | max | ours/Jib | above bare `mvn package` | CPU (median) | CPU ours/Jib | peak RSS (median) | RSS ours/Jib | uploaded (median) | blobs / manifests PUT | base layers downloaded (median) | all base blobs downloaded, config included (median) |\n"
    printf "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    n = split("nochange code deps cold freshci", order, " ")
    label["nochange"] = "no change"; label["code"] = "code change"; label["deps"] = "dependency change"; label["cold"] = "cold"
    label["freshci"] = "fresh CI runner"
    for (s = 1; s <= n; s++) {
      sc = order[s]
      if (!((sc SUBSEP "jib") in ms)) continue
      ours = median(ms[sc SUBSEP "ecr-deploy"]); jib = median(ms[sc SUBSEP "jib"])
      oursCpu = median(cpu[sc SUBSEP "ecr-deploy"]); jibCpu = median(cpu[sc SUBSEP "jib"])
      oursRss = median(rss[sc SUBSEP "ecr-deploy"]); jibRss = median(rss[sc SUBSEP "jib"])
      ref = sc == "nochange" ? bare : sc == "code" ? bareCode : ""
      for (t = 1; t <= 2; t++) {
        tool = t == 1 ? "ecr-deploy" : "jib"; k = sc SUBSEP tool; m = median(ms[k])
        printf "| %s | %s | %s s | %s s | %s s | %s | %s | %s s | %s | %d MB | %s | %s | %s / %s | %s | %s |\n", label[sc], tool,
          secs(m), secs(minimum(ms[k])), secs(maximum(ms[k])), t == 1 ? sprintf("**%.2f**", ours / jib) : "",
          ref == "" ? "" : sprintf("%+.2f s", (m - ref) / 1000), secs(median(cpu[k])),
          t == 1 ? sprintf("%.2f", oursCpu / jibCpu) : "", median(rss[k]) / 1024,
          t == 1 ? sprintf("%.2f", oursRss / jibRss) : "", mb(median(up[k])), median(blobs[k]), median(man[k]),
          mb(median(down[k])), mb(median(downAll[k]))
      }
    }
    for (b = 1; b <= 2; b++) {
      k = (b == 1 ? "bare" : "bare-code") SUBSEP "bare"
      if (!(k in ms)) continue
      printf "| %s | `mvn package` | %s s | %s s | %s s | | | %s s | | %d MB | | | | | |\n", b == 1 ? "bare Maven, no change" : "bare Maven, code change",
        secs(median(ms[k])), secs(minimum(ms[k])), secs(maximum(ms[k])), secs(median(cpu[k])), median(rss[k]) / 1024
    }
    printf "\nImage size (compressed layers): ecr-deploy %s, Jib %s. Runs per cell: %d (after one warm-up).\n",
      mb(size["ecr-deploy"]), mb(size["jib"]), runs
  }' "$WORK/results.tsv"

# bigdep: one line from results.tsv
awk -F'\t' '$1 == "bigdep" && $3 > 0 {
  printf "\n1 GiB dependency layer, `MAVEN_OPTS=-Xmx256m`: built and pushed in %.1f s, peak RSS %d MB, %.0f MB uploaded.\n",
    $4 / 1000, $5 / 1024, $6 / 1048576 }' "$WORK/results.tsv"

# reactor: medians per thread count, from reactor.tsv
if [ -f "$WORK/reactor.tsv" ]; then
  awk -F'\t' '
    function median(list,   a, i, j, t, n) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    NR == 1 || $3 == 0 { next }
    { ms[$2] = ms[$2] " " $4; cpu[$2] = cpu[$2] " " $6; rss[$2] = rss[$2] " " $5; pushed[$2] = $7
      tokens[$2] = tokens[$2] " " $8; n[$2]++ }
    END {
      if (!("-T1" in ms)) exit
      printf "\n| 20-module reactor | median | CPU (median) | peak RSS (median) | images pushed per run | GetAuthorizationToken calls per run | runs |\n"
      printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
      for (t = 1; t <= 2; t++) {
        k = "-T" t
        printf "| `mvn -T %d package` | %.2f s | %.2f s | %d MB | %s | %s | %d |\n", t, median(ms[k]) / 1000,
          median(cpu[k]) / 1000, median(rss[k]) / 1024, pushed[k], median(tokens[k]), n[k]
      }
      printf "\n-T 2 / -T 1 (wall, medians): %.2f\n", median(ms["-T2"]) / median(ms["-T1"])
    }' "$WORK/reactor.tsv"
fi
