# Allowed registries for docker-base-image-registry.
package attest.config.docker

allowed_registries := ["registry.acme.internal", "ghcr.io/acme/*"]
