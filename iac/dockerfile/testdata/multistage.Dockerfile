# syntax=docker/dockerfile:1
# A global ARG with a default, one without, and one built from another.
ARG GO_VERSION=1.22
ARG REGISTRY
ARG IMAGE=golang:${GO_VERSION}

FROM --platform=$BUILDPLATFORM ${IMAGE} AS Build
ARG GO_VERSION
ARG VERSION=dev
ARG TOKEN
ENV APP=/srv/app \
    BIN=${APP}/bin
ENV FROM_TOKEN=${TOKEN:-none} KEEP="a b"
RUN --mount=type=secret,id=npm,target=/root/.npmrc --network=none <<EOT bash
set -e
go build -o ${BIN} .
EOT
COPY --chown=app:app go.mod ${VERSION}.txt ${TOKEN}.key /src/
USER app

FROM ${REGISTRY}/base:1
USER ${GO_VERSION}

FROM build
EXPOSE 8080 ${VERSION}
HEALTHCHECK NONE
