package attest

// Framework ids used in rule metadata, catalogs and flags.
const (
	FrameworkSOC2   = "soc2"
	FrameworkPCIDSS = "pci-dss-4.0"
)

// Control is an entry of a framework catalog: a SOC 2 criterion (CC6.1) or a
// PCI DSS requirement (3.5.1), with a short title in our own words.
type Control struct {
	Framework string `json:"framework"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	// Parent is the id of the enclosing requirement or group, if any.
	Parent string `json:"parent,omitempty"`
	// Automatable says how far infrastructure checks can support the
	// control: "yes", "partly", "evidence" (documents only) or "inherited"
	// (carved out to the cloud provider).
	Automatable string `json:"automatable,omitempty"`
}
