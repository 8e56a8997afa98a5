# A secret as a build argument, even without a default.
ARG NPM_TOKEN
FROM node:22-alpine
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
