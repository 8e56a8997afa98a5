# METADATA
# title: Roles do not grant approving certificate requests
# description: >-
#   A subject that can approve CertificateSigningRequests can have the
#   cluster's CA sign a client certificate for any user or group,
#   system:masters included.
# custom:
#   id: k8s-rbac-csr-approval
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.11"
#   resource_types: [ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Leave approval to the controllers that own it; remove update on
#     certificatesigningrequests/approval.
package attest.rules.kubernetes.rbac_csr_approval

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["update", "patch"], ["certificates.k8s.io"], ["certificatesigningrequests/approval"])
	msg := sprintf("rule %d grants approving certificate signing requests", [i])
}
