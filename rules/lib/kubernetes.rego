# Package attest.lib.kubernetes holds what the Kubernetes rules share. The
# loader puts the pod spec of every workload kind (Pod, Deployment,
# StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob,
# PodTemplate, Argo Rollout) in the attribute pod_spec and its metadata in
# pod_metadata, so that a rule about pods reads them here and covers every
# kind alike.
package attest.lib.kubernetes

# workload_kinds are the resource types that carry pod_spec; a pod rule
# lists them all in its resource_types.
workload_kinds := {
	"Pod", "PodTemplate", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", "Rollout",
}

# pod_spec is the pod spec of input.resource, {} when it has none.
pod_spec := object.get(input.resource.attributes, "pod_spec", {})

# pod_metadata is the metadata of the pod template (of the Pod itself for a
# Pod), {} when absent.
pod_metadata := object.get(input.resource.attributes, "pod_metadata", {})

# pod_security_context is spec.securityContext of the pod, {} when absent.
pod_security_context := sc if {
	sc := object.get(pod_spec, "securityContext", {})
	is_object(sc)
} else := {}

# containers is every container of the pod, init and ephemeral containers
# included, each as {"name", "field", "c"}: field says which list it is in.
containers contains {"name": object.get(c, "name", sprintf("%s[%d]", [field, i])), "field": field, "c": c} if {
	some field in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in object.get(pod_spec, field, [])
}

# security_context(c) is the container's securityContext, {} when absent or
# null (an empty "securityContext:" in YAML), so that a rule reading a
# default from it never stops on a type error (which would read as a pass).
security_context(c) := sc if {
	sc := object.get(c, "securityContext", {})
	is_object(sc)
} else := {}

# effective(c, key) is the container's securityContext value for key, or the
# pod's when the container sets none (the pod-level fields that containers
# inherit: runAsUser, runAsNonRoot, seLinuxOptions, seccompProfile,
# appArmorProfile), or null when neither sets it.
effective(c, key) := v if {
	v := security_context(c)[key]
} else := v if {
	v := pod_security_context[key]
} else := null

# describe(x) names a container in a message.
describe(x) := sprintf("container %q", [x.name]) if x.field == "containers"

describe(x) := sprintf("init container %q", [x.name]) if x.field == "initContainers"

describe(x) := sprintf("ephemeral container %q", [x.name]) if x.field == "ephemeralContainers"

# annotations is metadata.annotations of input.resource, {} when absent.
annotations := object.get(input.resource.attributes, ["metadata", "annotations"], {})
