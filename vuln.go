package attest

// Artifact kinds.
const (
	ArtifactImage      = "image"
	ArtifactHost       = "host"
	ArtifactFilesystem = "filesystem"
	ArtifactRepository = "repository"
	// ArtifactFunction is a serverless function (AWS Lambda); Name is its
	// name or ARN and Tag its version.
	ArtifactFunction = "function"
)

// Artifact is what a scanner scanned. Scanners name the same container image
// by different digests (Trivy's image id is the config digest, Inspector's
// the manifest digest, Grype reports both), so an artifact keeps every digest
// it was given and the merge matches on any.
type Artifact struct {
	Kind string `json:"kind"`
	// Name is the image repository (registry/path without tag or digest),
	// the host name or instance id, or the scanned path.
	Name string `json:"name"`
	Tag  string `json:"tag,omitempty"`
	// ManifestDigest is the registry manifest (repo) digest, sha256:...
	ManifestDigest string `json:"manifest_digest,omitempty"`
	// ConfigDigest is the image config digest (the image id), sha256:...
	ConfigDigest string `json:"config_digest,omitempty"`
}

// Package is a software package that a vulnerability affects. Version is the
// full version string, with epoch and release where the ecosystem has them
// (1:2.3.4-5.el9).
type Package struct {
	PURL      string `json:"purl,omitempty"`
	Ecosystem string `json:"ecosystem,omitempty"` // deb, rpm, apk, npm, pypi, golang, maven ...
	Name      string `json:"name"`
	Version   string `json:"version"`
}

// CVSS is one CVSS score as a source gave it.
type CVSS struct {
	Source  string  `json:"source,omitempty"` // nvd, ghsa, the vendor
	Version string  `json:"version,omitempty"`
	Vector  string  `json:"vector,omitempty"`
	Score   float64 `json:"score,omitempty"`
}

// Fix states of an occurrence.
const (
	FixAvailable = "fixed"
	FixNotFixed  = "not-fixed"
	FixWontFix   = "wont-fix"
	FixUnknown   = "unknown"
)

// Occurrence is what one scanner said about one package in one artifact.
type Occurrence struct {
	// Scanner names the tool: grype, trivy, inspector, securityhub,
	// cyclonedx, sarif (or the tool named inside a SARIF or CycloneDX file).
	Scanner string `json:"scanner"`
	// File is the report the occurrence was read from.
	File     string   `json:"file,omitempty"`
	Artifact Artifact `json:"artifact"`
	Package  Package  `json:"package"`
	// VulnID is the identifier the scanner used (CVE-..., GHSA-..., ALAS-...).
	VulnID string `json:"vuln_id"`
	// Aliases are other identifiers the scanner related to VulnID.
	Aliases       []string `json:"aliases,omitempty"`
	Severity      string   `json:"severity"` // critical|high|medium|low|info, or "unknown"
	CVSS          []CVSS   `json:"cvss,omitempty"`
	FixedVersions []string `json:"fixed_versions,omitempty"`
	FixState      string   `json:"fix_state,omitempty"`
	Title         string   `json:"title,omitempty"`
	Description   string   `json:"description,omitempty"`
	URLs          []string `json:"urls,omitempty"`
	// Locations are paths of the package inside the artifact.
	Locations []string `json:"locations,omitempty"`
	// EPSS is the exploit prediction score the scanner reported, if any.
	EPSS *EPSS `json:"epss,omitempty"`
}

// EPSS is a FIRST Exploit Prediction Scoring System score.
type EPSS struct {
	Score      float64 `json:"score"`
	Percentile float64 `json:"percentile"`
	Date       string  `json:"date,omitempty"`
}

// KEV is an entry of the CISA Known Exploited Vulnerabilities catalog.
type KEV struct {
	DateAdded      string `json:"date_added,omitempty"`
	DueDate        string `json:"due_date,omitempty"`
	RansomwareUse  string `json:"ransomware_use,omitempty"`
	RequiredAction string `json:"required_action,omitempty"`
}

// Vulnerability is the merged view of one vulnerability in one package of
// one artifact across every scanner that reported it (issue 3, vuln.Merge).
type Vulnerability struct {
	// ID is the CVE where one exists, otherwise the preferred advisory id
	// (GHSA before vendor ids).
	ID string `json:"id"`
	// Aliases are the other ids folded into ID (GHSA, ALAS, DSA, RHSA ...).
	Aliases  []string `json:"aliases,omitempty"`
	Artifact Artifact `json:"artifact"`
	Package  Package  `json:"package"`
	// Severity is the merged severity: the highest any source gave.
	Severity      string   `json:"severity"`
	CVSS          []CVSS   `json:"cvss,omitempty"`
	FixState      string   `json:"fix_state"`
	FixedVersions []string `json:"fixed_versions,omitempty"`
	Title         string   `json:"title,omitempty"`
	Description   string   `json:"description,omitempty"`
	URLs          []string `json:"urls,omitempty"`
	Locations     []string `json:"locations,omitempty"`
	// Sources keeps what each scanner said, one entry per scanner and file.
	Sources []VulnSource `json:"sources"`
	// MissedBy lists scanners that reported on the same artifact but not
	// this vulnerability.
	MissedBy []string `json:"missed_by,omitempty"`
	// SeverityDisagrees is set when the sources gave different severities.
	SeverityDisagrees bool  `json:"severity_disagrees,omitempty"`
	KEV               *KEV  `json:"kev,omitempty"`
	EPSS              *EPSS `json:"epss,omitempty"`
	// VEXStatus is a VEX status that does not suppress (affected,
	// under_investigation, exploitable, in_triage).
	VEXStatus string `json:"vex_status,omitempty"`
	// Suppression is set when a VEX statement or an ignore rule hides the
	// vulnerability from the active list; it says why.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// VulnSource is what one scanner said in one report about a merged
// vulnerability.
type VulnSource struct {
	Scanner       string   `json:"scanner"`
	File          string   `json:"file,omitempty"`
	VulnID        string   `json:"vuln_id"`
	Severity      string   `json:"severity"`
	CVSS          []CVSS   `json:"cvss,omitempty"`
	FixState      string   `json:"fix_state,omitempty"`
	FixedVersions []string `json:"fixed_versions,omitempty"`
}

// Suppression says why a vulnerability is not in the active list.
type Suppression struct {
	// By is "vex" or "ignore".
	By string `json:"by"`
	// Status is the VEX status (not_affected, fixed, resolved,
	// false_positive) or "ignored".
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
	Detail        string `json:"detail,omitempty"`
	// Source is the VEX document or the config file and line of the rule.
	Source  string `json:"source,omitempty"`
	Expires string `json:"expires,omitempty"`
}
