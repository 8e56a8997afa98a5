package auditor_test

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/attest-dev/attest/report/auditor"
)

func TestPDF(t *testing.T) {
	src, _ := fixture(t)
	r := build(t, src)
	var out bytes.Buffer
	if err := auditor.PDF(t.Context(), &out, r, ""); err != nil {
		t.Fatal(err)
	}
	pdf := out.Bytes()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < 3 {
		t.Errorf("%d pages; want the cover and the report on more than one page", pages)
	}
	if dir := os.Getenv("ATTEST_REPORT_SAMPLES"); dir != "" {
		os.WriteFile(dir+"/soc2.pdf", pdf, 0o644)
	}
}
