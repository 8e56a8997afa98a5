FROM alpine:3.20
RUN chmod o+w /etc/app.conf && chmod a+rwx /usr/local/bin/run
