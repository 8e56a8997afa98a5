# METADATA
# title: Namespaces do not enforce the privileged Pod Security level
# description: >-
#   A namespace labelled pod-security.kubernetes.io/enforce: privileged
#   admits any pod, host namespaces and privileged containers included. Only
#   system namespaces that run node agents need it, and those should be few
#   and waived by name.
# custom:
#   id: k8s-namespace-pss-privileged
#   severity: high
#   benchmark: "CIS Kubernetes 5.2.1; Pod Security admission"
#   resource_types: [Namespace]
#   controls:
#     soc2: [CC6.8, CC6.1]
#     pci-dss-4.0: [2.2.1]
#   remediation: >-
#     Enforce baseline or restricted on the namespace; move the workloads
#     that need privileges to a dedicated, waived namespace.
package attest.rules.kubernetes.namespace_pss_privileged

deny contains "the namespace enforces the privileged level, which admits any pod" if {
	object.get(input.resource.attributes, ["metadata", "labels", "pod-security.kubernetes.io/enforce"], "") == "privileged"
}
