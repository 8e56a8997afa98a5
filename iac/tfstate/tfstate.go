// Package tfstate loads Terraform state files (terraform.tfstate, state
// format version 4, written by Terraform 0.12 and later) into attest
// resources: one resource per instance, with every value known.
//
// JSON numbers become int64 when they are whole and fit, and float64
// otherwise.
package tfstate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/attest-dev/attest/iac"

	"github.com/attest-dev/attest"
)

// state is the part of a version 4 state file the loader reads.
type state struct {
	Version          *json.Number    `json:"version"`
	TerraformVersion string          `json:"terraform_version"`
	Resources        []stateResource `json:"resources"`
}

type stateResource struct {
	Module    string          `json:"module"`
	Mode      string          `json:"mode"`
	Type      string          `json:"type"`
	Name      string          `json:"name"`
	Provider  string          `json:"provider"`
	Instances []stateInstance `json:"instances"`
}

type stateInstance struct {
	IndexKey   any            `json:"index_key"`
	Attributes map[string]any `json:"attributes"`
	// AttributesFlat is the flatmap of a resource that has not been
	// upgraded since Terraform 0.11; attest cannot read it.
	AttributesFlat map[string]any `json:"attributes_flat"`
}

// Detect reports whether data looks like a version 4 state file: a JSON
// object with "version": 4, a terraform_version and resources. It reads only
// the top-level keys.
func Detect(data []byte) bool {
	keys := topLevel(data)
	if keys == nil {
		return false
	}
	_, tv := keys["terraform_version"]
	_, rs := keys["resources"]
	return tv && rs && string(bytes.TrimSpace(keys["version"])) == "4"
}

// Load reads a state file named name and returns one resource per instance,
// in the order of the file. Problems with the document (malformed JSON, a
// state version other than 4, a resource without a type) are error
// diagnostics located at name (with line and column when the JSON itself is
// at fault); err is set only when r cannot be read.
func Load(name string, r io.Reader) ([]attest.Resource, attest.Diagnostics, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	var s state
	if d, ok := iac.DecodeJSON(name, data, &s, "invalid state JSON"); !ok {
		return nil, attest.Diagnostics{d}, nil
	}
	fileDiag := func(summary, detail string) attest.Diagnostic {
		return attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: name}, Summary: summary, Detail: detail}
	}
	switch {
	case s.Version == nil:
		return nil, attest.Diagnostics{fileDiag("not a Terraform state file",
			`the document has no "version"; expected a terraform.tfstate file`)}, nil
	case s.Version.String() != "4":
		return nil, attest.Diagnostics{fileDiag("unsupported state version "+s.Version.String(),
			"attest reads state format version 4 (Terraform 0.12 and later); "+
				"run `terraform apply -refresh-only` with a current Terraform to upgrade the state")}, nil
	}

	var (
		out   []attest.Resource
		diags attest.Diagnostics
	)
	for i, sr := range s.Resources {
		if sr.Type == "" || sr.Name == "" {
			diags = append(diags, fileDiag("resource without type or name",
				fmt.Sprintf("resources[%d] has type %q and name %q", i, sr.Type, sr.Name)))
			continue
		}
		mode := sr.Mode
		if mode == "" {
			mode = "managed"
		}
		base := sr.Type + "." + sr.Name
		if mode == "data" {
			base = "data." + base
		}
		if sr.Module != "" {
			base = sr.Module + "." + base
		}
		provider := providerShortName(sr.Provider)
		for j, inst := range sr.Instances {
			key, err := indexKey(inst.IndexKey)
			if err != nil {
				diags = append(diags, fileDiag("invalid index_key",
					fmt.Sprintf("resources[%d] (%s) instances[%d]: %v", i, base, j, err)))
				continue
			}
			if inst.Attributes == nil && inst.AttributesFlat != nil {
				diags = append(diags, fileDiag("instance in the Terraform 0.11 flat format",
					fmt.Sprintf("%s%s has attributes_flat only; refresh the state with a current Terraform", base, key)))
				continue
			}
			attrs, _ := iac.ConvertJSON(inst.Attributes).(map[string]any)
			if attrs == nil {
				attrs = map[string]any{}
			}
			out = append(out, attest.Resource{
				Type:       sr.Type,
				Address:    base + key,
				Mode:       mode,
				Provider:   provider,
				Format:     attest.FormatTerraformState,
				Root:       name,
				Module:     sr.Module,
				Attributes: attrs,
				Range:      attest.Range{File: name},
			})
		}
	}
	return out, diags, nil
}

// indexKey formats an instance key the way Terraform writes it in an
// address: [0] for count, ["key"] for for_each, nothing when absent.
func indexKey(v any) (string, error) {
	switch k := v.(type) {
	case nil:
		return "", nil
	case json.Number:
		n, err := strconv.ParseInt(string(k), 10, 64)
		if err != nil || n < 0 {
			return "", fmt.Errorf("index_key %s is not a non-negative whole number", k)
		}
		return "[" + strconv.FormatInt(n, 10) + "]", nil
	case string:
		return "[" + QuoteKey(k) + "]", nil
	}
	return "", fmt.Errorf("index_key is a JSON %s; want a number or a string", jsonKind(v))
}

func jsonKind(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "value"
}

// QuoteKey quotes a for_each key as Terraform does in resource addresses:
// "a", with quotes, backslashes and control characters escaped and template
// sequences ${ and %{ doubled to $${ and %%{.
func QuoteKey(k string) string {
	var b strings.Builder
	b.Grow(len(k) + 2)
	b.WriteByte('"')
	for i := 0; i < len(k); {
		r, size := utf8.DecodeRuneInString(k[i:])
		next := k[i+size:]
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && strings.HasPrefix(next, "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// providerShortName reads the provider type from a state provider address:
// provider["registry.terraform.io/hashicorp/aws"] (optionally prefixed by a
// module path and followed by .alias) gives aws, as does the legacy
// provider.aws.
func providerShortName(p string) string {
	if i := strings.Index(p, `provider["`); i >= 0 {
		rest := p[i+len(`provider["`):]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			source := rest[:j]
			return source[strings.LastIndexByte(source, '/')+1:]
		}
	}
	if i := strings.LastIndex(p, "provider."); i >= 0 {
		name, _, _ := strings.Cut(p[i+len("provider."):], ".")
		return name
	}
	return p
}

// topLevel returns the raw values of the top-level JSON object in data, or
// nil when data is not a JSON object.
func topLevel(data []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil
	}
	return m
}
