FROM node:22-alpine
RUN echo "//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789" > ~/.npmrc && npm ci
