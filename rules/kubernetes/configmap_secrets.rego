# METADATA
# title: ConfigMaps hold no credentials
# description: >-
#   ConfigMaps are for configuration anyone with read access to the
#   namespace may see: they are not encrypted at rest with the Secret
#   provider and RBAC roles such as view grant them freely. A key whose name
#   says it is a credential, or a value that has the shape of one, belongs
#   in a Secret.
# custom:
#   id: k8s-configmap-secrets
#   severity: high
#   benchmark: "CIS Kubernetes 5.4.1; PCI DSS 8.6.2"
#   resource_types: [ConfigMap]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: >-
#     Move the value into a Secret (or an external secret store) and rotate
#     the credential: it is in the repository's history.
package attest.rules.kubernetes.configmap_secrets

import data.attest.lib

entries contains [key, value] if {
	some key, value in object.get(input.resource.attributes, "data", {})
}

deny contains msg if {
	some [key, value] in entries
	lib.secret_name(key)
	is_string(value)
	value != ""
	msg := sprintf("key %s holds a credential", [key])
}

deny contains msg if {
	some [key, value] in entries
	some what, re in lib.secret_patterns
	regex.match(re, value)
	msg := sprintf("key %s holds %s", [key, what])
}
