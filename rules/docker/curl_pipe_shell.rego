# METADATA
# title: Dockerfiles do not pipe downloads into a shell
# description: >-
#   RUN curl ... | sh (or wget -O- ... | bash) runs whatever the server returns,
#   unreviewed and unverified, as the build user, usually root. A compromised
#   install script becomes part of every image built. The whole RUN text is
#   read, heredoc bodies included.
# custom:
#   id: docker-curl-pipe-shell
#   severity: high
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Download the script to a file, verify its checksum or signature, then run
#     it: RUN curl -fsSLo install.sh https://... && echo "<sha256>  install.sh" |
#     sha256sum -c - && sh install.sh. Better, install the tool from a package
#     repository whose signatures the package manager checks.
package attest.rules.docker.curl_pipe_shell

import data.attest.lib.docker

# downloads maps each message to the pattern of what it reports: a download
# piped into a shell, and a shell reading a download through process
# substitution.
downloads := {
	"RUN pipes a download into a shell": `(?s)\b(curl|wget|fetch)\b[^|;&\n]*(\|\s*)+(sudo\s+(-\S+\s+)*)?(env\s+\S+=\S*\s+)*(/usr)?(/bin/)?(ba|da|z|k|c|tc|fi)?sh\b`,
	"RUN runs a download through process substitution": `(?s)\b(ba|da|z|k)?sh\s+(-\S+\s+)*<\(\s*(curl|wget)\b`,
}

deny contains {"msg": msg, "line": ins.line, "end_line": ins.end_line} if {
	some [msg, ins] in attest.matching_scripts(downloads, docker.runs)
}
