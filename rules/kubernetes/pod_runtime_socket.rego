# METADATA
# title: Pods do not mount the container runtime's socket
# description: >-
#   Whoever can talk to the Docker, containerd or CRI-O socket can start a
#   privileged container on the node and so owns the node and every workload
#   on it. Mounting the socket, or a folder that holds it, hands that power
#   to the pod.
# custom:
#   id: k8s-pod-runtime-socket
#   severity: critical
#   benchmark: "PSS baseline: HostPath Volumes; CIS Kubernetes 5.2.12"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: >-
#     Remove the hostPath volume; build images with a daemonless builder
#     (BuildKit rootless, kaniko) and read runtime data through the CRI API
#     of a dedicated agent.
package attest.rules.kubernetes.pod_runtime_socket

import data.attest.lib.kubernetes as k8s

sockets := [
	"/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock",
	"/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock",
	"/var/run/cri-dockerd.sock", "/run/k3s/containerd/containerd.sock",
]

# reaches(path, sock) holds when mounting path exposes sock: the socket
# itself or a folder above it.
reaches(path, sock) if trim_right(path, "/") == sock

reaches(path, sock) if startswith(sock, concat("", [trim_right(path, "/"), "/"]))

deny contains msg if {
	some v in object.get(k8s.pod_spec, "volumes", [])
	p := object.get(v, ["hostPath", "path"], "")
	p != ""
	some sock in sockets
	reaches(p, sock)
	msg := sprintf("volume %q mounts %s, which exposes %s", [object.get(v, "name", ""), p, sock])
}
