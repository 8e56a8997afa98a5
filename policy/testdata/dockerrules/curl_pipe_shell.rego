# METADATA
# title: Dockerfiles do not pipe downloads into a shell
# description: >-
#   RUN curl ... | sh (or wget -O- ... | bash) runs whatever the server returns,
#   unreviewed and unverified, as the build user, usually root. A compromised
#   install script becomes part of every image built. The whole RUN text is
#   read, heredoc bodies included.
# custom:
#   id: ref-docker-curl-pipe-shell
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
package reference.dockerrules.curl_pipe_shell

import data.reference.dockerlib as docker

pipe := `(?s)\b(curl|wget|fetch)\b[^|;&\n]*(\|\s*)+(sudo\s+(-\S+\s+)*)?(env\s+\S+=\S*\s+)*(/usr)?(/bin/)?(ba|da|z|k|c|tc|fi)?sh\b`

process := `(?s)\b(ba|da|z|k)?sh\s+(-\S+\s+)*<\(\s*(curl|wget)\b`

deny contains docker.at("RUN pipes a download into a shell", ins) if {
	some [_, _, ins] in docker.of_kind("run")
	regex.match(pipe, ins.script)
}

deny contains docker.at("RUN runs a download through process substitution", ins) if {
	some [_, _, ins] in docker.of_kind("run")
	regex.match(process, ins.script)
}
