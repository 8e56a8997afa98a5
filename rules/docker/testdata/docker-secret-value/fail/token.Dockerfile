FROM alpine:3.20
ARG GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789
