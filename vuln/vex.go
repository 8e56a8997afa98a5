package vuln

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// VEX statuses. OpenVEX's words are used for both formats; CycloneDX's
// analysis states that have no OpenVEX twin (resolved, false_positive,
// exploitable, in_triage) are kept as CycloneDX spells them.
const (
	VEXNotAffected        = "not_affected"
	VEXAffected           = "affected"
	VEXFixed              = "fixed"
	VEXUnderInvestigation = "under_investigation"
	VEXResolved           = "resolved"
	VEXFalsePositive      = "false_positive"
	VEXExploitable        = "exploitable"
	VEXInTriage           = "in_triage"
)

// Suppresses reports whether a VEX status takes a vulnerability out of the
// active list: not_affected, fixed, resolved, and CycloneDX's
// false_positive (the finding is not real, which is not_affected in
// OpenVEX's words).
func Suppresses(status string) bool {
	switch status {
	case VEXNotAffected, VEXFixed, VEXResolved, VEXFalsePositive:
		return true
	}
	return false
}

// VEXStatement is one statement of an OpenVEX or CycloneDX VEX document.
type VEXStatement struct {
	Vulnerability string
	Aliases       []string
	// Products are package URLs or image references the statement is
	// about. A package URL of an image (pkg:oci, pkg:docker) or a plain
	// image reference names an artifact; any other package URL names a
	// package wherever it is found.
	Products []string
	// Subcomponents, when given, narrow an artifact product to these
	// packages.
	Subcomponents []string
	Status        string
	Justification string
	Detail        string
	Timestamp     time.Time
	// Source is the file the statement was read from.
	Source string
}

// LoadVEX reads an OpenVEX or CycloneDX VEX JSON document.
func LoadVEX(path string) ([]VEXStatement, error) {
	data, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	return ParseVEX(path, data)
}

// ParseVEX parses an OpenVEX (v0.0.1 or v0.2.0) or CycloneDX VEX JSON
// document; name is used in errors and as the statements' Source.
func ParseVEX(name string, data []byte) ([]VEXStatement, error) {
	var probe struct {
		Context    json.RawMessage `json:"@context"`
		BOMFormat  string          `json:"bomFormat"`
		Statements json.RawMessage `json:"statements"`
	}
	if err := decodeJSON(data, &probe); err != nil {
		return nil, jsonError(name, data, err)
	}
	switch {
	case probe.BOMFormat == "CycloneDX":
		return parseCycloneDXVEX(name, data)
	case probe.Statements != nil || strings.Contains(string(probe.Context), "openvex"):
		return parseOpenVEX(name, data)
	}
	return nil, fmt.Errorf("%s: not a VEX document: want OpenVEX (\"@context\" and \"statements\") or CycloneDX (\"bomFormat\": \"CycloneDX\")", name)
}

// openVEXProduct is a product or subcomponent: a string in OpenVEX v0.0.1,
// an object with an "@id" (or identifiers.purl) in v0.2.0.
type openVEXProduct struct {
	ID            string
	Subcomponents []string
}

func (p *openVEXProduct) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		p.ID = s
		return nil
	}
	var o struct {
		ID            string            `json:"@id"`
		Identifiers   map[string]string `json:"identifiers"`
		Subcomponents []openVEXProduct  `json:"subcomponents"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	p.ID = o.ID
	if p.ID == "" {
		p.ID = o.Identifiers["purl"]
	}
	for _, s := range o.Subcomponents {
		p.Subcomponents = append(p.Subcomponents, s.ID)
	}
	return nil
}

// openVEXVuln is a statement's vulnerability: a string in OpenVEX v0.0.1, an
// object with a name and aliases in v0.2.0.
type openVEXVuln struct {
	Name    string
	Aliases []string
}

func (v *openVEXVuln) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		v.Name = s
		return nil
	}
	var o struct {
		ID      string   `json:"@id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	v.Name, v.Aliases = o.Name, o.Aliases
	if v.Name == "" {
		v.Name = o.ID
	}
	return nil
}

type openVEXDoc struct {
	Timestamp  string `json:"timestamp"`
	Statements []struct {
		Vulnerability   openVEXVuln      `json:"vulnerability"`
		Products        []openVEXProduct `json:"products"`
		Subcomponents   []openVEXProduct `json:"subcomponents"`
		Status          string           `json:"status"`
		Justification   string           `json:"justification"`
		ImpactStatement string           `json:"impact_statement"`
		ActionStatement string           `json:"action_statement"`
		StatusNotes     string           `json:"status_notes"`
		Timestamp       string           `json:"timestamp"`
	} `json:"statements"`
}

func parseOpenVEX(name string, data []byte) ([]VEXStatement, error) {
	var doc openVEXDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, jsonError(name, data, err)
	}
	docTime, _ := time.Parse(time.RFC3339, doc.Timestamp)
	var out []VEXStatement
	for i, s := range doc.Statements {
		where := fmt.Sprintf("%s: statements[%d]", name, i)
		if s.Vulnerability.Name == "" {
			return nil, fmt.Errorf("%s: no vulnerability name", where)
		}
		switch s.Status {
		case VEXNotAffected, VEXAffected, VEXFixed, VEXUnderInvestigation:
		default:
			return nil, fmt.Errorf("%s: status %q is not one of not_affected, affected, fixed, under_investigation", where, s.Status)
		}
		if len(s.Products) == 0 {
			return nil, fmt.Errorf("%s: no products", where)
		}
		st := VEXStatement{
			Vulnerability: NormalizeID(s.Vulnerability.Name),
			Status:        s.Status,
			Justification: s.Justification,
			Detail:        cmpOr(s.ImpactStatement, s.ActionStatement, s.StatusNotes),
			Timestamp:     docTime,
			Source:        name,
		}
		for _, a := range s.Vulnerability.Aliases {
			st.Aliases = append(st.Aliases, NormalizeID(a))
		}
		if t, err := time.Parse(time.RFC3339, s.Timestamp); err == nil {
			st.Timestamp = t
		}
		for _, sub := range s.Subcomponents {
			st.Subcomponents = append(st.Subcomponents, sub.ID)
		}
		// Products with their own subcomponents become statements of
		// their own so that each product keeps its narrowing.
		for _, p := range s.Products {
			ps := st
			ps.Products = []string{p.ID}
			ps.Subcomponents = append(slices.Clip(st.Subcomponents), p.Subcomponents...)
			out = append(out, ps)
		}
	}
	return out, nil
}

func cmpOr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

type cdxComponent struct {
	BOMRef     string         `json:"bom-ref"`
	Type       string         `json:"type"`
	Name       string         `json:"name"`
	Version    string         `json:"version"`
	PURL       string         `json:"purl"`
	Components []cdxComponent `json:"components"`
}

type cdxVEXDoc struct {
	Metadata struct {
		Timestamp string        `json:"timestamp"`
		Component *cdxComponent `json:"component"`
	} `json:"metadata"`
	Components      []cdxComponent `json:"components"`
	Vulnerabilities []struct {
		ID         string `json:"id"`
		References []struct {
			ID string `json:"id"`
		} `json:"references"`
		Analysis *struct {
			State         string `json:"state"`
			Justification string `json:"justification"`
			Detail        string `json:"detail"`
		} `json:"analysis"`
		Affects []struct {
			Ref string `json:"ref"`
		} `json:"affects"`
	} `json:"vulnerabilities"`
}

func parseCycloneDXVEX(name string, data []byte) ([]VEXStatement, error) {
	var doc cdxVEXDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, jsonError(name, data, err)
	}
	refs := make(map[string]string)
	var walk func([]cdxComponent)
	walk = func(cs []cdxComponent) {
		for _, c := range cs {
			if c.BOMRef != "" {
				refs[c.BOMRef] = componentRef(c)
			}
			walk(c.Components)
		}
	}
	if c := doc.Metadata.Component; c != nil {
		walk([]cdxComponent{*c})
	}
	walk(doc.Components)
	docTime, _ := time.Parse(time.RFC3339, doc.Metadata.Timestamp)

	var out []VEXStatement
	for i, v := range doc.Vulnerabilities {
		where := fmt.Sprintf("%s: vulnerabilities[%d]", name, i)
		if v.Analysis == nil || v.Analysis.State == "" {
			continue // a plain vulnerability listing, not a VEX statement
		}
		switch v.Analysis.State {
		case VEXNotAffected, VEXResolved, VEXFalsePositive, VEXExploitable, VEXInTriage, "resolved_with_pedigree":
		default:
			return nil, fmt.Errorf("%s: analysis state %q is not a CycloneDX impact analysis state", where, v.Analysis.State)
		}
		if v.ID == "" {
			return nil, fmt.Errorf("%s: no id", where)
		}
		st := VEXStatement{
			Vulnerability: NormalizeID(v.ID),
			Status:        v.Analysis.State,
			Justification: v.Analysis.Justification,
			Detail:        v.Analysis.Detail,
			Timestamp:     docTime,
			Source:        name,
		}
		if st.Status == "resolved_with_pedigree" {
			st.Status = VEXResolved
		}
		for _, r := range v.References {
			st.Aliases = append(st.Aliases, NormalizeID(r.ID))
		}
		for _, a := range v.Affects {
			ref := a.Ref
			if r, ok := refs[ref]; ok {
				ref = r
			} else if _, frag, ok := strings.Cut(ref, "#"); ok && strings.HasPrefix(ref, "urn:cdx:") {
				if r, ok := refs[frag]; ok {
					ref = r
				} else {
					ref = frag
				}
			}
			st.Products = append(st.Products, ref)
		}
		if len(st.Products) == 0 {
			return nil, fmt.Errorf("%s: no affects", where)
		}
		out = append(out, st)
	}
	return out, nil
}

// componentRef is what a CycloneDX component names: its purl, or for a
// container without one its name (and version, as a tag or digest).
func componentRef(c cdxComponent) string {
	if c.PURL != "" {
		return c.PURL
	}
	if c.Version == "" {
		return c.Name
	}
	if strings.HasPrefix(c.Version, "sha256:") {
		return c.Name + "@" + c.Version
	}
	return c.Name + ":" + c.Version
}

// imageRef is an image reference from a VEX product.
type imageRef struct {
	repo, tag, digest string
}

// parseProduct tells whether a product names an image (and which) or a
// package.
func parseProduct(s string) (img imageRef, pkg PURL, isImage bool) {
	if p, ok := ParsePURL(s); ok {
		if p.Type != "oci" && p.Type != "docker" {
			return img, p, false
		}
		img.repo = p.Name
		if p.Type == "docker" && p.Namespace != "" {
			img.repo = p.Namespace + "/" + p.Name
		}
		if u := p.Qualifiers.Get("repository_url"); u != "" {
			img.repo = u
		}
		img.tag = p.Qualifiers.Get("tag")
		if strings.HasPrefix(p.Version, "sha256:") {
			img.digest = strings.ToLower(p.Version)
		} else if p.Version != "" {
			img.tag = p.Version
		}
		return img, pkg, true
	}
	r := s
	if i := strings.IndexByte(r, '@'); i >= 0 {
		img.digest = strings.ToLower(r[i+1:])
		r = r[:i]
	}
	if i := strings.LastIndexByte(r, ':'); i > strings.LastIndexByte(r, '/') {
		img.tag = r[i+1:]
		r = r[:i]
	}
	img.repo = r
	return img, pkg, true
}

// matchesArtifact reports whether the image reference names a.
func (r imageRef) matchesArtifact(a attest.Artifact) bool {
	if r.digest != "" {
		return strings.EqualFold(r.digest, a.ManifestDigest) || strings.EqualFold(r.digest, a.ConfigDigest)
	}
	if r.repo == "" || repositoryBase(r.repo) != repositoryBase(a.Name) {
		return false
	}
	ra, rb := NormalizeRepository(r.repo), NormalizeRepository(a.Name)
	if ra != rb && !strings.HasSuffix(ra, "/"+rb) && !strings.HasSuffix(rb, "/"+ra) {
		return false
	}
	return r.tag == "" || r.tag == a.Tag
}

// purlMatches reports whether the package URL names p: same ecosystem and
// name, and same version when the URL has one.
func purlMatches(u PURL, p attest.Package) bool {
	eco, name, ver := packageParts(p)
	ueco := NormalizeEcosystem(u.Type)
	uname := u.FullName()
	if ueco == "maven" {
		uname = strings.ReplaceAll(uname, "/", ":")
	}
	if ueco != eco || normalizeName(ueco, uname) != name {
		return false
	}
	uv := normalizeVersion(u.VersionWithEpoch())
	return uv == "" || uv == ver
}

// appliesTo reports whether the statement is about v's artifact and package.
func (s *VEXStatement) appliesTo(v *attest.Vulnerability) bool {
	for _, prod := range s.Products {
		img, pkg, isImage := parseProduct(prod)
		if !isImage {
			if purlMatches(pkg, v.Package) {
				return true
			}
			continue
		}
		if !img.matchesArtifact(v.Artifact) {
			continue
		}
		if len(s.Subcomponents) == 0 {
			return true
		}
		for _, sub := range s.Subcomponents {
			if u, ok := ParsePURL(sub); ok && purlMatches(u, v.Package) {
				return true
			}
		}
	}
	return false
}

// applyVEX sets each vulnerability's VEX status or suppression from the
// statements that apply to it; where several apply, the latest (by
// timestamp, then by order given) wins.
func applyVEX(vs []attest.Vulnerability, stmts []VEXStatement) {
	if len(stmts) == 0 {
		return
	}
	order := make([]int, len(stmts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return stmts[a].Timestamp.Compare(stmts[b].Timestamp) })
	byID := make(map[string][]int)
	for _, i := range order {
		s := &stmts[i]
		for _, id := range append([]string{s.Vulnerability}, s.Aliases...) {
			if !slices.Contains(byID[id], i) {
				byID[id] = append(byID[id], i)
			}
		}
	}
	rank := make([]int, len(stmts))
	for r, i := range order {
		rank[i] = r
	}
	for vi := range vs {
		v := &vs[vi]
		best := -1
		for _, id := range append([]string{v.ID}, v.Aliases...) {
			for _, i := range byID[id] {
				if (best < 0 || rank[i] > rank[best]) && stmts[i].appliesTo(v) {
					best = i
				}
			}
		}
		if best < 0 {
			continue
		}
		s := &stmts[best]
		if Suppresses(s.Status) {
			v.Suppression = &attest.Suppression{By: "vex", Status: s.Status, Justification: s.Justification, Detail: s.Detail, Source: s.Source}
			v.VEXStatus = ""
		} else {
			v.VEXStatus = s.Status
		}
	}
}
