FROM debian:12
RUN ["bash", "-c", "bash <(curl -s https://example.com/i.sh)"]
