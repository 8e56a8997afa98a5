# METADATA
# title: Ingresses serve their hosts over TLS
# description: >-
#   An Ingress without a tls section, or with hosts that no tls entry
#   covers, serves those hosts over plain HTTP: credentials, session cookies
#   and cardholder data cross the network readable and alterable by anyone
#   on the path.
# custom:
#   id: k8s-ingress-tls
#   severity: high
#   benchmark: "PCI DSS 4.2.1; Ingress TLS"
#   resource_types: [Ingress]
#   controls:
#     soc2: [CC6.7, CC6.1]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Add a tls entry listing every host of the Ingress with the secret that
#     holds its certificate (cert-manager can issue it).
package attest.rules.kubernetes.ingress_tls

spec := object.get(input.resource.attributes, "spec", {})

covered := {h | some t in object.get(spec, "tls", []); some h in object.get(t, "hosts", [])}

deny contains "the Ingress has no tls section: it serves plain HTTP" if {
	count(object.get(spec, "tls", [])) == 0
}

deny contains msg if {
	count(object.get(spec, "tls", [])) > 0
	some r in object.get(spec, "rules", [])
	h := object.get(r, "host", "")
	h != ""
	not covered[h]
	msg := sprintf("host %s is not covered by any tls entry", [h])
}
