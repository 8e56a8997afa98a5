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

# namespace is the namespace of input.resource, "default" when it names none.
namespace := object.get(input.resource.attributes, ["metadata", "namespace"], "default")

# namespace_explicit holds when input.resource names its namespace.
namespace_explicit if not input.resource.attributes.namespace_defaulted

# in_namespace(t) is every resource of kind t in the namespace of
# input.resource: from the same root (a manifest file, a chart, an overlay)
# whatever their namespace says, or from any other root when both name the
# namespace explicitly (an object that names none lands in whatever
# namespace kubectl is pointed at, so only its own root can vouch for it).
in_namespace(t) := [r |
	some r in _candidates(t)
	_same_namespace(r)
]

# _candidates(t) are the objects of kind t that may share input.resource's
# namespace: a lookup in data.scan.namespaces, which indexes the objects
# whose namespace is a string; a namespace that is not one (a malformed
# manifest) is compared with every object of the kind.
_candidates(t) := object.get(data.scan.namespaces, [namespace, t], []) if is_string(namespace)

_candidates(t) := object.get(data.scan.types, t, []) if not is_string(namespace)

_ns_of(r) := object.get(r.attributes, ["metadata", "namespace"], "default")

_same_namespace(r) if {
	r.root == input.resource.root
	_ns_of(r) == namespace
}

_same_namespace(r) if {
	r.root != input.resource.root
	namespace_explicit
	not r.attributes.namespace_defaulted
	_ns_of(r) == namespace
}

# rbac_rules is the rules list of a Role or ClusterRole.
rbac_rules := object.get(input.resource.attributes, "rules", [])

# grants(r, verbs, groups, resources) holds when the RBAC rule r allows one
# of verbs on one of resources ("pods", or "pods/exec" for a subresource) in
# one of the API groups, "*" in the rule matching anything as the API
# server matches it.
grants(r, verbs, groups, resources) if {
	_matches(object.get(r, "verbs", []), verbs)
	_matches(object.get(r, "apiGroups", []), groups)
	_resource_matches(object.get(r, "resources", []), resources)
}

_matches(have, _) if "*" in have

_matches(have, want) if {
	some h in have
	h in want
}

_resource_matches(have, _) if "*" in have

_resource_matches(have, want) if {
	some h in have
	h in want
}

_resource_matches(have, want) if {
	some w in want
	parts := split(w, "/")
	count(parts) == 2
	concat("/", ["*", parts[1]]) in have
}

# granting(verbs, groups, resources) is the index of every rule of
# input.resource (a Role or ClusterRole) that grants one of verbs on one of
# resources.
granting(verbs, groups, resources) := {i |
	some i, r in rbac_rules
	grants(r, verbs, groups, resources)
}

# subjects is the subjects list of a RoleBinding or ClusterRoleBinding.
subjects := object.get(input.resource.attributes, "subjects", [])

# image_parts(image) splits an image reference as a container runtime reads
# it: {"registry", "repository"}, with Docker Hub's registry and library/
# prefix filled in for a short name. It uses string built-ins only: it runs
# for every container of every workload.
image_parts(image) := {"registry": _hub(parts[0]), "repository": concat("/", array.slice(parts, 1, count(parts)))} if {
	parts := split(_image_name(image), "/")
	count(parts) > 1
	_is_registry(parts[0])
} else := {"registry": "docker.io", "repository": _library(_image_name(image))}

# _image_name is the image reference without its digest and tag.
_image_name(image) := name if {
	no_digest := split(image, "@")[0]
	parts := split(no_digest, "/")
	last := parts[count(parts) - 1]
	tag_at := indexof(last, ":")
	name := _cut_tag(no_digest, last, tag_at)
}

_cut_tag(ref, _, -1) := ref

_cut_tag(ref, last, i) := substring(ref, 0, (count(ref) - count(last)) + i) if i >= 0

_is_registry(first) if contains(first, ".")

_is_registry(first) if contains(first, ":")

_is_registry("localhost")

_hub("index.docker.io") := "docker.io"

_hub(r) := r if r != "index.docker.io"

_library(name) := concat("/", ["library", name]) if not contains(name, "/")

_library(name) := name if contains(name, "/")

# probe_kinds are the workload kinds that run long-lived pods, which
# availability rules (probes, replicas) judge; Jobs run to completion.
probe_kinds := {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Rollout"}
