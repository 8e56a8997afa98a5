package attest

// ScopeAdmission lets a token call the admission webhook
// (/api/v1/admission/validate) and nothing else: it is the token
// kube-apiserver carries in the webhook's kubeconfig. It is a scope of its
// own rather than ingest, so that a token copied out of the API server's
// configuration cannot write events into the audit log. Admin includes it.
const ScopeAdmission = "admission"

// ValidScope reports whether s is a token scope: ingest, read, respond,
// evidence, admission or admin. Every store and the API check new tokens
// with it, so a scope is added in one place.
func ValidScope(s string) bool {
	switch s {
	case ScopeIngest, ScopeRead, ScopeRespond, ScopeEvidence, ScopeAdmission, ScopeAdmin:
		return true
	}
	return false
}
