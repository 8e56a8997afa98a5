// Package corpus writes generated trees of infrastructure files for the
// scan benchmarks: realistic Dockerfiles and CloudFormation templates, some
// compliant with the rules and some not, each tree depending only on its
// size and seed. bench/docker/gen and bench/mixed/gen write them to disk;
// BenchmarkScan_Mixed scans them in process for profiling.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

const digest = "sha256:4b7ce07a1dbd0e0cfbd8bf1d7d5cd2b6f8e1f1ab2fc3e5b7d9a0c1e2f3a4b5c6"

// Dockerfiles writes n Dockerfiles under dir, each in its own service
// folder beside files that are not Dockerfiles (a README, a source file, a
// .dockerignore) so that detection runs on them too.
func Dockerfiles(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x646f636b))
	for i := range n {
		svc := filepath.Join(dir, fmt.Sprintf("team-%02d", i%40), fmt.Sprintf("svc-%04d", i))
		if err := os.MkdirAll(svc, 0o755); err != nil {
			return err
		}
		name := "Dockerfile"
		if i%5 == 4 {
			name = "worker.Dockerfile"
		}
		files := map[string]string{
			name:            render(rng, i),
			"README.md":     fmt.Sprintf("# svc-%04d\n\nFrom the team's backlog.\n", i),
			"main.go":       "package main\n\nfunc main() {}\n",
			".dockerignore": "node_modules\n.git\n",
		}
		for f, body := range files {
			if err := os.WriteFile(filepath.Join(svc, f), []byte(body), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// pick returns a when a draw under p succeeds, else b.
func pick(rng *rand.Rand, p float64, a, b string) string {
	if rng.Float64() < p {
		return a
	}
	return b
}

// render writes Dockerfile i: one of four kinds, with random compliance.
func render(rng *rand.Rand, i int) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# syntax=docker/dockerfile:1")
	w("# Service %d, generated for the benchmark.", i)
	pin := pick(rng, 0.5, "@"+digest, "")
	switch i % 4 {
	case 0: // Node
		w("ARG NODE_VERSION=22")
		w("FROM node:${NODE_VERSION}-alpine%s AS deps", pin)
		w("WORKDIR /app")
		w("COPY package.json package-lock.json %s./", pick(rng, 0.1, ".npmrc ", ""))
		w("RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci")
		w("FROM deps AS build")
		w("COPY . .")
		w("RUN npm run build")
		w("FROM node:%s", pick(rng, 0.2, "latest", "22-alpine"+pin))
		w("ENV NODE_ENV=production PORT=3000 %s", pick(rng, 0.1, "SESSION_SECRET=changeme", "LOG_LEVEL=info"))
		w("WORKDIR /app")
		w("COPY --from=build --chown=node:node /app/dist ./dist")
		w("EXPOSE ${PORT}")
		w("%s", pick(rng, 0.7, "USER node", "# runs as root"))
		w("%s", pick(rng, 0.6, "HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/healthz || exit 1", "# no health check"))
		w(`CMD ["node", "dist/server.js"]`)
	case 1: // Python
		w("FROM python:3.12-slim%s", pin)
		w("ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    APP_HOME=/srv/app")
		w("WORKDIR ${APP_HOME}")
		w("RUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5 \\\n%s", pick(rng, 0.7, " && rm -rf /var/lib/apt/lists/*", " && echo done"))
		w("COPY requirements.txt .")
		w("RUN pip install --no-cache-dir -r requirements.txt")
		w("COPY . .")
		w("RUN useradd --system --uid 10001 app")
		w("%s", pick(rng, 0.2, "RUN chmod -R 777 ${APP_HOME}", "RUN chmod -R 755 ${APP_HOME}"))
		w("USER %s", pick(rng, 0.8, "10001", "root"))
		w("EXPOSE 8000%s", pick(rng, 0.05, " 22", ""))
		w("HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health')\"")
		w(`CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]`)
	case 2: // Go multi-stage
		w("ARG GO_VERSION=1.22")
		w("ARG REGISTRY=%s", pick(rng, 0.8, "docker.io", "registry.internal.example"))
		w("FROM --platform=$BUILDPLATFORM ${REGISTRY}/golang:${GO_VERSION}%s AS build", pin)
		w("ARG TARGETOS TARGETARCH")
		w("WORKDIR /src")
		w("COPY go.mod go.sum ./")
		w("RUN --mount=type=cache,target=/go/pkg/mod go mod download")
		w("COPY . .")
		w("RUN <<EOF\nset -e\nCGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app\nEOF")
		w("FROM gcr.io/distroless/static:nonroot%s", pin)
		w("COPY --from=build /out/app /app")
		w("USER nonroot:nonroot")
		w(`ENTRYPOINT ["/app"]`)
	default: // Alpine tool image
		w("ARG VERSION")
		w("FROM alpine:3.20%s", pin)
		w("ARG VERSION")
		w("%s", pick(rng, 0.8, "RUN apk add --no-cache curl ca-certificates", "RUN apk update && apk add curl"))
		w("%s", pick(rng, 0.15, "RUN curl -fsSL https://tools.example.com/install.sh | sh",
			"RUN curl -fsSLo /usr/local/bin/tool https://tools.example.com/tool-${VERSION} && chmod 755 /usr/local/bin/tool"))
		w("%s", pick(rng, 0.1, "ADD https://tools.example.com/config.tar.gz /etc/tool/", "COPY config /etc/tool/"))
		w("LABEL org.opencontainers.image.version=${VERSION} org.opencontainers.image.vendor=example")
		w("RUN adduser -D -u 10002 tool")
		w("USER tool")
		w(`ENTRYPOINT ["tool"]`)
	}
	return b.String()
}
