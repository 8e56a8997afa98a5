FROM alpine:3.20
ARG HOME_DIR=/root
COPY id_rsa ${HOME_DIR}/.ssh/id_rsa
