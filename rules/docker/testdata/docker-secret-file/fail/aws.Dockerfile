FROM amazon/aws-cli:2.17.0
ADD .aws/credentials /root/.aws/credentials
COPY ["certs/server.key", "/etc/ssl/private/"]
