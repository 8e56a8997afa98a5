# comment
ARG A=1
RUN echo hi
FROM alpine:3.20
