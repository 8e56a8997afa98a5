FROM alpine:3.20
COPY --chmod=0777 run.sh /usr/local/bin/
