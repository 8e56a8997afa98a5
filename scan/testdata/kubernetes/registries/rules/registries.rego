# Allowed registries for k8s-image-registry.
package attest.config.kubernetes

allowed_registries := ["registry.acme.internal", "ghcr.io/acme/*"]
