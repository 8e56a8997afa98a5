ARG TAG=latest
FROM node:22 AS build
FROM nginx:${TAG}
