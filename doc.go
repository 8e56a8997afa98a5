// Package attest holds the domain of the attest compliance engine: the nouns
// that every other package shares (resources, rules, controls, findings,
// exceptions, vulnerabilities, events) and the application error type.
//
// It imports only the standard library. Adapters live in packages beneath the
// module root and are named for what they wrap (iac/terraform, vuln/grype,
// sqlite, postgres); cmd/attest wires them together.
package attest
