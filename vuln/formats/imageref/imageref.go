// Package imageref splits container image references the way scanners print
// them (registry/path:tag@sha256:digest) into repository, tag and digest.
package imageref

import "strings"

// Ref is a parsed image reference.
type Ref struct {
	// Repository is the registry and path, without tag or digest.
	Repository string
	Tag        string
	// Digest is the sha256:... after '@', if any.
	Digest string
}

// schemes are the source prefixes Grype and Syft accept before an image
// reference.
var schemes = []string{"docker:", "podman:", "containerd:", "registry:", "docker-archive:", "oci-archive:", "oci-dir:", "singularity:"}

// Parse splits ref, after removing a Grype source scheme (registry:, docker:). A ':' after the last '/' starts the tag, so that a
// registry port (localhost:5000/web) is kept in the repository.
func Parse(ref string) Ref {
	var r Ref
	ref = strings.TrimSpace(ref)
	for _, scheme := range schemes {
		if rest, ok := strings.CutPrefix(ref, scheme); ok {
			ref = rest
			break
		}
	}
	if i := strings.Index(ref, "@"); i >= 0 {
		r.Digest = ref[i+1:]
		ref = ref[:i]
	}
	slash := strings.LastIndex(ref, "/")
	if i := strings.LastIndex(ref, ":"); i > slash {
		r.Tag = ref[i+1:]
		ref = ref[:i]
	}
	r.Repository = ref
	return r
}

// ECRRepository returns the repository name of an Amazon ECR image:
// <registry>.dkr.ecr.<region>.amazonaws.com/<repository>. It returns "" when
// registry, region or repository is empty.
func ECRRepository(registry, region, repository string) string {
	if registry == "" || region == "" || repository == "" {
		return ""
	}
	domain := "amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		domain = "amazonaws.com.cn"
	}
	return registry + ".dkr.ecr." + region + "." + domain + "/" + repository
}

// RegionFromARN returns the region field of an ARN
// (arn:partition:service:region:account:resource), or "".
func RegionFromARN(arn string) string {
	// Cut field by field: Inspector gives two ARNs per finding, and
	// splitting them cost an allocation each.
	rest, ok := strings.CutPrefix(arn, "arn:")
	var fields [4]string // partition, service, region, account
	for i := range fields {
		if !ok {
			return ""
		}
		fields[i], rest, ok = strings.Cut(rest, ":")
	}
	if !ok {
		return ""
	}
	return fields[2]
}
