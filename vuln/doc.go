// Package vuln merges what several vulnerability scanners said about a
// release into one deduplicated, prioritised list, enriches it with the CISA
// KEV catalog, FIRST EPSS scores, VEX statements and ignore rules, ranks it,
// and diffs it against a previous release. The parsers of each scanner's
// report format live beneath it (vuln/grype, vuln/trivy, vuln/inspector,
// vuln/cyclonedx, vuln/sarif) and the renderers in vuln/report.
//
// # Identity
//
// Merge makes one attest.Vulnerability per (artifact, package,
// vulnerability):
//
//   - Artifacts: container images match when they share any digest,
//     manifest or config (scanners report different ones), through
//     union-find over digests. A digest is keyed together with the last path
//     element of the repository, so "app" from Inspector and
//     "123456789012.dkr.ecr.us-east-1.amazonaws.com/app" from Trivy match,
//     while the same digest under an unrelated repository name does not. An
//     image with no digest falls back to repository:tag; it joins a digested
//     image with the same repository and tag when exactly one has it. Hosts
//     match on their lower-cased name, filesystems and repositories on their
//     cleaned path.
//   - Packages: ecosystem + name + full version, taken from the purl when
//     there is one (namespace folded into the name, the "epoch" qualifier
//     folded into the version) and from the scanner's fields otherwise.
//     Other qualifiers (arch, distro, upstream) are dropped: the artifact
//     already fixes the platform and scanners spell distros differently
//     (amzn vs amazon). A "0:" epoch is dropped. Names compare
//     case-insensitively; PyPI names are normalised as PEP 503 says. A
//     package named without ecosystem or purl (SARIF results) joins the
//     package of the same name and version in the same artifact when
//     exactly one ecosystem has it there.
//   - Vulnerabilities: the ids an occurrence gives together (VulnID and
//     Aliases) are joined by union-find, and a group is named by its CVE.
//     An advisory that lists several CVEs (an ALAS or DSA that fixes three)
//     is not allowed to join them into one: the occurrence counts once for
//     each of its CVEs and the advisory is kept as an alias.
//
// Description text and severity never take part in matching.
//
// # Scale
//
// A Collector keeps occurrences compact until the merge: every distinct
// string the merge compares (ids, artifacts, packages, scanners, files),
// score and alias list is stored once and an occurrence is a row of integer
// ids without pointers; the text the merge only copies (titles,
// descriptions, fixed versions, URLs, locations) is appended to its
// report's part, once per run of occurrences that share it, without a
// lookup. A million occurrences take some 130 MB that the garbage collector
// does not scan. It is safe for
// concurrent use: each goroutine that parses a report adds it (attest vulns
// merge parses one file per CPU at a time). Merge gives artifacts, packages
// and ids dense merge ids in the order the occurrences first name them,
// joins them with union-find, groups occurrences with one map keyed by three
// integers and a counting sort, and orders findings by precomputed integer
// ranks; it keeps no map per occurrence.
//
// # Severity and fix
//
// The merged severity is the highest severity any source gave (a finding is
// never ranked below what one scanner said); when no source gave one it is
// derived from the highest CVSS score. Disagreement is kept visible:
// SeverityDisagrees and, per source, its own severity. The fix state is
// "fixed" when any source names a fix, else wont-fix, not-fixed or unknown in
// that order; fixed versions are the union of all sources.
package vuln
