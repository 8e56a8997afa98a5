# METADATA
# title: Namespaces enforce a Pod Security Standard
# description: >-
#   Pod Security admission rejects pods that break the standard named by a
#   namespace's pod-security.kubernetes.io/enforce label. Without the label
#   the cluster-wide default applies, which is privileged unless the API
#   server is configured otherwise: any pod, however privileged, is
#   admitted.
# custom:
#   id: k8s-namespace-pss-enforce
#   severity: medium
#   benchmark: "CIS Kubernetes 5.2.1; Pod Security admission"
#   resource_types: [Namespace]
#   controls:
#     soc2: [CC6.8, CC7.1]
#     pci-dss-4.0: [2.2.1]
#   remediation: >-
#     Label the namespace pod-security.kubernetes.io/enforce: restricted (or
#     baseline), with a matching enforce-version.
package attest.rules.kubernetes.namespace_pss_enforce

deny contains "the namespace has no pod-security.kubernetes.io/enforce label" if {
	object.get(input.resource.attributes, ["metadata", "labels", "pod-security.kubernetes.io/enforce"], "") == ""
}
