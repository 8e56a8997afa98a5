// Package admission is the application service behind attest serve's
// validating admission webhook (POST /api/v1/admission/validate): it judges
// one AdmissionRequest of kube-apiserver with the rules `attest scan` runs
// in CI, plus an image gate over the vulnerability reports uploaded to
// attest, and records every decision in the audit log.
//
// The object of a request becomes a resource through
// kubernetes.ObjectResource, the conversion the manifest, Helm and Kustomize
// loaders use, and is judged by scan.Judge with the engine compiled once at
// startup, the exceptions register of the configured .attest.yaml and the
// object's own attest.dev/ignore annotations. A failure at or above the
// register's fail_on severity (high by default, as for a scan) is a
// violation; lower failures, unknown verdicts and waivers that expired are
// warnings.
//
// The image gate (SOC 2 CC6.8) asks of every container image of a pod spec:
// is it pinned by digest (a tag cannot be matched to a report), is there a
// vulnerability report uploaded for that digest, and does the newest one
// list no critical or KEV vulnerability that it does not suppress (VEX or an
// ignore rule)? Each "no" is a violation named image-gate-unpinned,
// image-gate-no-report or image-gate-vulnerable.
//
// Each namespace has a mode: enforce (violations deny the request), audit
// (violations are AdmissionReview warnings and the request is allowed) or
// off (not judged, not recorded). DELETE and CONNECT requests and
// subresources are allowed without judgement. On UPDATE, a violation the
// old object already had is a warning, not a denial, so that a workload
// admitted before a rule existed can still be scaled or relabelled.
//
// A request whose object cannot be judged (it does not decode, a rule's
// evaluation fails under enforce, the store cannot be reached) is an error:
// the HTTP layer answers it with an error status, and kube-apiserver then
// applies the webhook's failurePolicy (Fail: refuse, Ignore: admit).
package admission
