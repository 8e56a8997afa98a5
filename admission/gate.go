package admission

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
	"github.com/attest-dev/attest/vuln/formats/imageref"
)

// ImageVerdict is what the image gate found for one container image.
type ImageVerdict struct {
	Container string `json:"container"`
	Image     string `json:"image"`
	Digest    string `json:"digest,omitempty"`
	// Report is the id of the evidence (vulnerability report) judged.
	Report int64 `json:"report,omitempty"`
	// Blocking are the unsuppressed critical or KEV vulnerabilities.
	Blocking []string `json:"blocking,omitempty"`
	// Check is the gate check that failed, "" when the image passed.
	Check string `json:"check,omitempty"`
}

// maxListed bounds the vulnerability ids named in one message.
const maxListed = 5

// gate judges every container image of res (a workload) and adds the
// violations to d. Images the old object of an UPDATE already ran are
// judged too, but their violations only warn.
func (w *Webhook) gate(ctx context.Context, res attest.Resource, old *attest.Resource, d *Decision) error {
	if w.Evidence == nil {
		return attest.Errorf(attest.EINTERNAL, "image gate: no evidence store")
	}
	var oldImages []string
	if old != nil {
		for _, c := range containers(*old) {
			oldImages = append(oldImages, c.image)
		}
	}
	for _, c := range containers(res) {
		v := ImageVerdict{Container: c.name, Image: c.image}
		existing := slices.Contains(oldImages, c.image)
		ref := imageref.Parse(c.image)
		if !attest.ValidDigest(ref.Digest) {
			v.Check = GateUnpinned
			d.Images = append(d.Images, v)
			d.violate(Violation{RuleID: GateUnpinned, Existing: existing,
				Message: fmt.Sprintf("%s image %q is not pinned by digest, so no vulnerability report can be matched to it; pin it as %s@sha256:...", c.what, c.image, ref.Repository)})
			continue
		}
		v.Digest = ref.Digest
		found, err := w.Evidence.FindEvidence(ctx, attest.EvidenceFilter{Kind: attest.EvidenceVulns, Digest: ref.Digest, Limit: 1})
		if err != nil {
			return fmt.Errorf("image gate: find reports of %s: %w", ref.Digest, err)
		}
		if len(found) == 0 {
			v.Check = GateNoReport
			d.Images = append(d.Images, v)
			d.violate(Violation{RuleID: GateNoReport, Existing: existing,
				Message: fmt.Sprintf("%s image %s has no vulnerability report uploaded to attest for digest %s; upload its vulnerability report (attest vulns merge --upload, or POST /api/v1/evidence/vulns)", c.what, c.image, ref.Digest)})
			continue
		}
		ev, err := w.Evidence.EvidenceByID(ctx, found[0].ID)
		if err != nil {
			return fmt.Errorf("image gate: read report %d: %w", found[0].ID, err)
		}
		v.Report = ev.ID
		rep, err := vuln.ReadReport(fmt.Sprintf("evidence %d", ev.ID), ev.Body)
		if err != nil {
			return attest.Errorf(attest.EINTERNAL, "image gate: report %d of %s cannot be read: %v", ev.ID, ref.Digest, err)
		}
		v.Blocking = blocking(rep, ref.Digest)
		if len(v.Blocking) > 0 {
			v.Check = GateVulnerable
			listed := v.Blocking
			more := ""
			if len(listed) > maxListed {
				more = fmt.Sprintf(" and %d more", len(listed)-maxListed)
				listed = listed[:maxListed]
			}
			d.violate(Violation{RuleID: GateVulnerable, Severity: attest.SeverityCritical, Existing: existing,
				Message: fmt.Sprintf("%s image %s has unwaived critical or known-exploited vulnerabilities in report %d: %s%s", c.what, c.image, ev.ID, strings.Join(listed, ", "), more)})
		}
		d.Images = append(d.Images, v)
	}
	return nil
}

// blocking returns the vulnerabilities of the report, in the image with
// this digest, that are critical or in the KEV catalog and that no VEX
// statement or ignore rule suppresses, as "ID (package)". A report
// uploaded for the digest covers every vulnerability whose artifact
// carries no digest at all.
func blocking(rep *vuln.Report, digest string) []string {
	var out []string
	for i := range rep.Vulnerabilities {
		v := &rep.Vulnerabilities[i]
		if v.Suppression != nil {
			continue
		}
		a := v.Artifact
		if (a.ManifestDigest != "" || a.ConfigDigest != "") && a.ManifestDigest != digest && a.ConfigDigest != digest {
			continue
		}
		if v.Severity != attest.SeverityCritical && v.KEV == nil {
			continue
		}
		id := v.ID
		if v.KEV != nil {
			id += " [KEV]"
		}
		s := fmt.Sprintf("%s (%s %s)", id, v.Package.Name, v.Package.Version)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// container is one container of a pod spec.
type container struct {
	name, image string
	// what names it in a message: container "app".
	what string
}

// containers lists the containers of a workload's pod spec, init and
// ephemeral ones included.
func containers(r attest.Resource) []container {
	spec, _ := r.Attributes["pod_spec"].(map[string]any)
	var out []container
	for _, field := range []struct{ key, what string }{
		{"initContainers", "init container"}, {"containers", "container"}, {"ephemeralContainers", "ephemeral container"},
	} {
		list, _ := spec[field.key].([]any)
		for i, c := range list {
			m, _ := c.(map[string]any)
			name, _ := m["name"].(string)
			if name == "" {
				name = fmt.Sprintf("%s[%d]", field.key, i)
			}
			image, _ := m["image"].(string)
			out = append(out, container{name: name, image: image, what: fmt.Sprintf("%s %q", field.what, name)})
		}
	}
	return out
}
