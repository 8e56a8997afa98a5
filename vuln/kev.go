package vuln

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/formats/decompress"
)

// KEVCatalog is the CISA Known Exploited Vulnerabilities catalog, keyed by
// CVE id.
type KEVCatalog struct {
	Title          string
	CatalogVersion string
	DateReleased   string
	Entries        map[string]attest.KEV
}

// kevFile is known_exploited_vulnerabilities.json as CISA publishes it.
type kevFile struct {
	Title           string     `json:"title"`
	CatalogVersion  string     `json:"catalogVersion"`
	DateReleased    string     `json:"dateReleased"`
	Count           *int       `json:"count"`
	Vulnerabilities []kevEntry `json:"vulnerabilities"`
}

type kevEntry struct {
	CveID                      string   `json:"cveID"`
	VendorProject              string   `json:"vendorProject"`
	Product                    string   `json:"product"`
	VulnerabilityName          string   `json:"vulnerabilityName"`
	DateAdded                  string   `json:"dateAdded"`
	ShortDescription           string   `json:"shortDescription"`
	RequiredAction             string   `json:"requiredAction"`
	DueDate                    string   `json:"dueDate"`
	KnownRansomwareCampaignUse string   `json:"knownRansomwareCampaignUse"`
	Notes                      string   `json:"notes"`
	CWEs                       []string `json:"cwes"`
}

// LoadKEV reads a KEV catalog file (gzip accepted).
func LoadKEV(path string) (*KEVCatalog, error) {
	data, err := readMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	return ParseKEV(path, data)
}

// ParseKEV parses the KEV catalog JSON in data; name is used in errors.
func ParseKEV(name string, data []byte) (*KEVCatalog, error) {
	var f kevFile
	if err := decodeJSON(data, &f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if f.Vulnerabilities == nil {
		return nil, fmt.Errorf("%s: not a KEV catalog: no \"vulnerabilities\" array", name)
	}
	if f.Count != nil && *f.Count != len(f.Vulnerabilities) {
		return nil, fmt.Errorf("%s: catalog says count %d but lists %d vulnerabilities (truncated?)", name, *f.Count, len(f.Vulnerabilities))
	}
	c := &KEVCatalog{
		Title:          f.Title,
		CatalogVersion: f.CatalogVersion,
		DateReleased:   f.DateReleased,
		Entries:        make(map[string]attest.KEV, len(f.Vulnerabilities)),
	}
	for i, e := range f.Vulnerabilities {
		id := NormalizeID(e.CveID)
		if !IsCVE(id) {
			return nil, fmt.Errorf("%s: vulnerabilities[%d]: cveID %q is not a CVE id", name, i, e.CveID)
		}
		c.Entries[id] = attest.KEV{
			DateAdded:      e.DateAdded,
			DueDate:        e.DueDate,
			RansomwareUse:  e.KnownRansomwareCampaignUse,
			RequiredAction: e.RequiredAction,
		}
	}
	return c, nil
}

// decodeJSON decodes one JSON value and refuses trailing data.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return nil
}

// jsonError names the file and, where the decoder says, the line and column
// of a JSON error.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		msg := syn.Error()
		if msg == "" {
			msg = "unexpected data after the JSON value"
		}
		return fmt.Errorf("%s:%d:%d: malformed JSON: %s", name, line, col, msg)
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset)
		return fmt.Errorf("%s:%d:%d: field %s: cannot use JSON %s as %s", name, line, col, typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("%s:%d:%d: malformed JSON: file ends early (truncated?)", name, line, col)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// readMaybeGzip reads a file, decompressing it when it starts with the gzip
// magic bytes.
func readMaybeGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := decompress.Reader(path, f)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// EPSSScores are the FIRST EPSS scores of one day, keyed by CVE id.
type EPSSScores struct {
	ModelVersion string
	ScoreDate    string
	Scores       map[string]attest.EPSS
}

// LoadEPSS reads a FIRST EPSS CSV file (epss_scores-YYYY-MM-DD.csv, gzip
// accepted).
func LoadEPSS(path string) (*EPSSScores, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseEPSS(path, f)
}

// ParseEPSS parses an EPSS CSV: an optional first comment line
// "#model_version:v2025.03.14,score_date:2026-11-22T00:00:00+0000", a
// header naming the cve, epss and percentile columns, then one row per CVE.
// name is used in errors, which give the line.
func ParseEPSS(name string, r io.Reader) (*EPSSScores, error) {
	rr, err := decompress.Reader(name, r)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(rr)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	s := &EPSSScores{Scores: make(map[string]attest.EPSS, 1<<18)}
	line := 0
	cveCol, epssCol, pctCol := -1, -1, -1
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if strings.HasPrefix(text, "#") {
			for _, kv := range strings.Split(strings.TrimPrefix(text, "#"), ",") {
				k, v, _ := strings.Cut(kv, ":")
				switch strings.TrimSpace(k) {
				case "model_version":
					s.ModelVersion = v
				case "score_date":
					s.ScoreDate, _, _ = strings.Cut(v, "T")
				}
			}
			continue
		}
		fields := strings.Split(text, ",")
		if cveCol < 0 {
			for i, f := range fields {
				switch strings.TrimSpace(strings.ToLower(f)) {
				case "cve":
					cveCol = i
				case "epss":
					epssCol = i
				case "percentile":
					pctCol = i
				}
			}
			if cveCol < 0 || epssCol < 0 || pctCol < 0 {
				return nil, fmt.Errorf("%s:%d: not an EPSS CSV: want a header with cve, epss and percentile, got %q", name, line, text)
			}
			continue
		}
		if len(fields) <= max(cveCol, epssCol, pctCol) {
			return nil, fmt.Errorf("%s:%d: want %d fields, got %d", name, line, max(cveCol, epssCol, pctCol)+1, len(fields))
		}
		id := NormalizeID(fields[cveCol])
		if !IsCVE(id) {
			return nil, fmt.Errorf("%s:%d: %q is not a CVE id", name, line, fields[cveCol])
		}
		score, err := parseProbability(fields[epssCol])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: epss: %w", name, line, err)
		}
		pct, err := parseProbability(fields[pctCol])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: percentile: %w", name, line, err)
		}
		s.Scores[id] = attest.EPSS{Score: score, Percentile: pct, Date: s.ScoreDate}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if cveCol < 0 {
		return nil, fmt.Errorf("%s: not an EPSS CSV: no header line", name)
	}
	return s, nil
}

// parseProbability parses a number in [0, 1].
func parseProbability(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if !(f >= 0 && f <= 1) {
		return 0, fmt.Errorf("%v is outside [0, 1]", f)
	}
	return f, nil
}
