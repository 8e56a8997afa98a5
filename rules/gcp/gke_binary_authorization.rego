# METADATA
# title: GKE clusters enforce Binary Authorization
# description: >-
#   Binary Authorization admits only container images that the project's
#   policy allows (signed by the build pipeline, from an approved registry),
#   so an image pushed by hand or pulled from an unknown registry cannot run
#   in the cluster. It is on when binary_authorization.evaluation_mode is
#   PROJECT_SINGLETON_POLICY_ENFORCE (or, in older configurations,
#   binary_authorization.enabled or enable_binary_authorization is true).
# custom:
#   id: gcp-gke-binary-authorization
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.8, CC8.1]
#     pci-dss-4.0: [6.5.1, 5.2.1]
#   remediation: >-
#     Add binary_authorization { evaluation_mode =
#     "PROJECT_SINGLETON_POLICY_ENFORCE" } and define the project's policy
#     with google_binary_authorization_policy.
package attest.rules.gcp.gke_binary_authorization

import data.attest.lib

enforced if lib.get(input.resource, "binary_authorization.0.evaluation_mode", "") == "PROJECT_SINGLETON_POLICY_ENFORCE"

enforced if lib.get(input.resource, "binary_authorization.0.enabled", false) == true

enforced if lib.get(input.resource, "enable_binary_authorization", false) == true

undetermined if lib.is_unknown(input.resource, "binary_authorization")

undetermined if lib.is_unknown(input.resource, "enable_binary_authorization")

deny contains msg if {
	not enforced
	not undetermined
	msg := "any image may run: binary_authorization.evaluation_mode is not PROJECT_SINGLETON_POLICY_ENFORCE"
}

unknown contains msg if {
	not enforced
	undetermined
	msg := "binary_authorization is not known statically"
}
