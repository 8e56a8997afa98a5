# METADATA
# title: Default service accounts do not mount tokens
# description: >-
#   Setting automountServiceAccountToken: false on a namespace's default
#   ServiceAccount stops every pod that names no account from receiving an
#   API token it does not need; a pod that does need one then names its own
#   account.
# custom:
#   id: k8s-serviceaccount-default-automount
#   severity: low
#   benchmark: "CIS Kubernetes 5.1.5"
#   resource_types: [ServiceAccount]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.5]
#   remediation: >-
#     Set automountServiceAccountToken: false on the default ServiceAccount
#     of the namespace.
package attest.rules.kubernetes.serviceaccount_default_automount

deny contains "the default service account mounts its token in every pod that names no account" if {
	object.get(input.resource.attributes, ["metadata", "name"], "") == "default"
	object.get(input.resource.attributes, "automountServiceAccountToken", true) != false
}
