FROM alpine:3.20
ARG TOKEN
# Set from a build argument: whatever its value, it is in the image.
ENV GITHUB_TOKEN=${TOKEN}
