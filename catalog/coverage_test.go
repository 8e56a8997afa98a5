package catalog_test

import (
	"testing"

	"github.com/attest-dev/attest/catalog"
)

const tinyCatalog = `framework: pci-dss-4.0
version: "test"
controls:
  - {id: "1", automatable: partly, title: "Top"}
  - {id: "1.1", parent: "1", automatable: "yes", title: "Section"}
  - {id: "1.1.1", parent: "1.1", automatable: "yes", title: "Checked leaf"}
  - {id: "1.1.2", parent: "1.1", automatable: "yes", title: "Unchecked leaf"}
  - {id: "2", automatable: evidence, title: "Paperwork"}
  - {id: "3", automatable: inherited, title: "Data centre doors"}
`

func TestCatalog_Coverage(t *testing.T) {
	cat, err := catalog.Parse("tiny.yaml", []byte(tinyCatalog))
	if err != nil {
		t.Fatal(err)
	}
	checks := []catalog.Check{
		{Kind: catalog.CheckDetection, ID: "d1", Controls: map[string][]string{"pci-dss-4.0": {"1.1.1"}}},
		{Kind: catalog.CheckRule, ID: "r2", Controls: map[string][]string{"pci-dss-4.0": {"1.1.1"}}},
		{Kind: catalog.CheckRule, ID: "r1", Controls: map[string][]string{"pci-dss-4.0": {"1.1.1"}, "soc2": {"CC6.1"}}},
		{Kind: catalog.CheckRule, ID: "other", Controls: map[string][]string{"soc2": {"CC6.1"}}},
	}
	cov := cat.Coverage(checks)
	want := map[string]string{
		"1":     catalog.CoverageViaParts,
		"1.1":   catalog.CoverageViaParts,
		"1.1.1": catalog.CoverageChecked,
		"1.1.2": catalog.CoverageNotYet,
		"2":     catalog.CoverageOtherEvidence,
		"3":     catalog.CoverageOtherEvidence,
	}
	if len(cov) != len(want) {
		t.Fatalf("%d controls, want %d", len(cov), len(want))
	}
	for _, cc := range cov {
		if cc.Status != want[cc.Control.ID] {
			t.Errorf("%s: status %s, want %s", cc.Control.ID, cc.Status, want[cc.Control.ID])
		}
		if (cc.Status == catalog.CoverageOtherEvidence || cc.Status == catalog.CoverageNotYet) != (cc.Why != "") {
			t.Errorf("%s: status %s with why %q", cc.Control.ID, cc.Status, cc.Why)
		}
	}
	var ids []string
	for _, c := range cov[2].Checks {
		ids = append(ids, c.ID)
	}
	if got := len(ids); got != 3 || ids[0] != "r1" || ids[1] != "r2" || ids[2] != "d1" {
		t.Errorf("checks of 1.1.1 = %v, want rules first by id, then detections: [r1 r2 d1]", ids)
	}
	if cov[4].Why == cov[5].Why {
		t.Errorf("documents and inherited controls give the same why: %q", cov[4].Why)
	}
	n := catalog.CoverageSummary(cov)
	if n[catalog.CoverageChecked] != 1 || n[catalog.CoverageViaParts] != 2 || n[catalog.CoverageOtherEvidence] != 2 || n[catalog.CoverageNotYet] != 1 {
		t.Errorf("summary %v", n)
	}
}
