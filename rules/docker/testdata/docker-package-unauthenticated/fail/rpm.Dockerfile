FROM rockylinux:9
RUN dnf install -y --nogpgcheck https://example.com/tool.rpm && dnf clean all
