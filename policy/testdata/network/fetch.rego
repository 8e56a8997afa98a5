# A helper that reaches the network, in a folder given with --rules.
package acme.fetch

status(url) := http.send({"method": "GET", "url": url}).status_code
