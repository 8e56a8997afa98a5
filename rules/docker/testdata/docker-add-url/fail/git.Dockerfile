FROM alpine:3.20
ADD https://github.com/acme/app.git#main /src
