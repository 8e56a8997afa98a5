# METADATA
# title: Services do not set externalIPs
# description: >-
#   spec.externalIPs makes every node route traffic for the given addresses
#   to the Service, whoever owns the addresses; a Service can thereby
#   capture traffic meant for other destinations (CVE-2020-8554), and the
#   exposure bypasses the cloud's load balancer and its controls.
# custom:
#   id: k8s-service-external-ips
#   severity: medium
#   benchmark: "CVE-2020-8554; Kubescape C-0201"
#   resource_types: [Service]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1]
#   remediation: >-
#     Remove spec.externalIPs and expose the Service through a LoadBalancer
#     or an Ingress; block the field cluster-wide with an admission policy.
package attest.rules.kubernetes.service_external_ips

deny contains msg if {
	ips := object.get(input.resource.attributes, ["spec", "externalIPs"], [])
	count(ips) > 0
	msg := sprintf("the Service claims external IPs %s", [concat(", ", ips)])
}
