# METADATA
# title: Container environment variables hold no credentials
# description: >-
#   A password, token or key written as the value of an environment variable
#   in a manifest is in the repository, in every rendered copy and in the
#   object the API server stores, readable by anyone who can read the
#   workload. A variable whose name says it holds a credential, or whose
#   value has the shape of one, fails; values taken from Secrets do not.
# custom:
#   id: k8s-pod-secret-env-value
#   severity: critical
#   benchmark: "CIS Kubernetes 5.4.1; PCI DSS 8.6.2"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: >-
#     Move the value into a Secret (or an external secret store) and read it
#     with valueFrom.secretKeyRef, then rotate the credential: it is in the
#     repository's history.
package attest.rules.kubernetes.pod_secret_env_value

import data.attest.lib
import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	some e in object.get(x.c, "env", [])
	lib.secret_name(object.get(e, "name", ""))
	v := object.get(e, "value", "")
	is_string(v)
	v != ""
	not regex.match(`^\$\([A-Za-z_][A-Za-z0-9_]*\)$`, v)
	msg := sprintf("%s sets %s to a literal value", [k8s.describe(x), e.name])
}

deny contains msg if {
	some x in k8s.containers
	some e in object.get(x.c, "env", [])
	some what, re in lib.secret_patterns
	regex.match(re, object.get(e, "value", ""))
	msg := sprintf("%s sets %s to %s", [k8s.describe(x), object.get(e, "name", ""), what])
}
