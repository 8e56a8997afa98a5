FROM alpine:3.20
RUN curl -u admin:Sup3rSecret https://artifacts.example.com/tool.tgz -o /tmp/tool.tgz
