ARG REPO=https://deploy:s3cr3tpass@git.example.com/app.git
FROM alpine:3.20
LABEL org.opencontainers.image.source=${REPO}
