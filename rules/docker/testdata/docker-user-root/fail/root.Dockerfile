FROM golang:1.22 AS build
USER 1000
FROM alpine:3.20
USER app
RUN apk add --no-cache curl
USER root:root
