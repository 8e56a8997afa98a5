{{- define "offline.tls" -}}
{{- $s := lookup "v1" "Secret" .Release.Namespace "api-tls" -}}
{{- if $s }}{{ $s.metadata.name }}{{ else }}api-tls-new{{ end -}}
{{- end -}}
{{- define "offline.host" -}}
{{ required "host is required" .Values.host }}
{{- end -}}
