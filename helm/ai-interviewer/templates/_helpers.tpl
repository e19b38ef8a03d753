{{/*
Names, labels and the shared pieces of the pod specs. Every component template includes these, so
the api, worker and migrate pods look alike (same image, same security context, same /tmp).
*/}}

{{/* Chart name, 63 characters at most. */}}
{{- define "ai-interviewer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified app name: <release>-<chart> unless the release name already contains the chart name. */}}
{{- define "ai-interviewer.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. Call with (dict "ctx" $ "component" "api"). */}}
{{- define "ai-interviewer.componentName" -}}
{{- printf "%s-%s" (include "ai-interviewer.fullname" .ctx | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "ai-interviewer.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "ai-interviewer.labels" -}}
helm.sh/chart: {{ include "ai-interviewer.chart" . }}
{{ include "ai-interviewer.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ai-interviewer
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "ai-interviewer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ai-interviewer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component; call with (dict "ctx" $ "component" "api"). */}}
{{- define "ai-interviewer.componentLabels" -}}
{{ include "ai-interviewer.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "ai-interviewer.componentSelectorLabels" -}}
{{ include "ai-interviewer.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Annotations on every object (commonAnnotations). */}}
{{- define "ai-interviewer.annotations" -}}
{{- with .Values.commonAnnotations -}}
{{ toYaml . }}
{{- end -}}
{{- end -}}

{{/* The container image: registry/repository:tag, or @digest when a digest is given. */}}
{{- define "ai-interviewer.image" -}}
{{- $repo := .Values.image.repository -}}
{{- if .Values.image.registry -}}
{{- $repo = printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repo .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (.Values.image.tag | default .Chart.AppVersion | toString) -}}
{{- end -}}
{{- end -}}

{{- define "ai-interviewer.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets -}}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "ai-interviewer.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ai-interviewer.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret the pods read: existingSecret, or the one this chart renders. */}}
{{- define "ai-interviewer.secretName" -}}
{{- if .Values.existingSecret -}}
{{- tpl .Values.existingSecret . -}}
{{- else -}}
{{- include "ai-interviewer.fullname" . -}}
{{- end -}}
{{- end -}}

{{- define "ai-interviewer.configMapName" -}}
{{- include "ai-interviewer.fullname" . -}}
{{- end -}}

{{/*
PUBLIC_URL: config.publicUrl, else derived from the ingress host (https when the ingress has TLS).
Empty when neither is set (the app then falls back to http://localhost:$PORT).
*/}}
{{- define "ai-interviewer.publicUrl" -}}
{{- if .Values.config.publicUrl -}}
{{- tpl .Values.config.publicUrl . -}}
{{- else if and .Values.api.ingress.enabled .Values.api.ingress.hostname -}}
{{- printf "%s://%s" (ternary "https" "http" (or .Values.api.ingress.tls (gt (len .Values.api.ingress.extraTls) 0))) .Values.api.ingress.hostname -}}
{{- end -}}
{{- end -}}

{{/*
A secret the chart generates when not given, and keeps: the given value; else the one already in
the release's Secret under `key` (so upgrades keep it); else a fresh random one (48 characters).
Call with (dict "ctx" $ "key" "JWT_SECRET" "value" .Values.jwt.secret).
*/}}
{{- define "ai-interviewer.keptSecret" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .ctx.Release.Namespace (include "ai-interviewer.fullname" .ctx) -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 48 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The JWT signing key: jwt.secret; else the one already in the release's Secret (so upgrades keep
every issued token valid); else a fresh random one.
*/}}
{{- define "ai-interviewer.jwtSecret" -}}
{{- include "ai-interviewer.keptSecret" (dict "ctx" . "key" "JWT_SECRET" "value" .Values.jwt.secret) -}}
{{- end -}}

{{/*
The ATS credentials key (CREDENTIALS_ENCRYPTION_KEY): ats.credentialsKey; else the one already in
the release's Secret (so upgrades keep the stored credentials readable); else a fresh random one.
*/}}
{{- define "ai-interviewer.credentialsKey" -}}
{{- include "ai-interviewer.keptSecret" (dict "ctx" . "key" "CREDENTIALS_ENCRYPTION_KEY" "value" .Values.ats.credentialsKey) -}}
{{- end -}}

{{/* Pod-level securityContext (podSecurityContext minus the chart-only `enabled` switch). */}}
{{- define "ai-interviewer.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled -}}
securityContext: {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Container-level securityContext (containerSecurityContext minus `enabled`). */}}
{{- define "ai-interviewer.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled -}}
securityContext: {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Environment every process needs whatever its component: a writable HOME, npm cache and DATA_DIR
under /tmp (the root filesystem is read-only; the API keeps its generated local secrets file in
DATA_DIR even with an external database).
*/}}
{{- define "ai-interviewer.runtimeEnv" -}}
- name: HOME
  value: /tmp
- name: npm_config_cache
  value: /tmp/.npm
- name: npm_config_update_notifier
  value: "false"
- name: DATA_DIR
  value: /tmp/data
{{- end -}}

{{/* The /tmp emptyDir every pod mounts. */}}
{{- define "ai-interviewer.tmpVolume" -}}
- name: tmp
  emptyDir:
    {{- with .Values.tmpVolume.sizeLimit }}
    sizeLimit: {{ . }}
    {{- end }}
    {{- with .Values.tmpVolume.medium }}
    medium: {{ . }}
    {{- end }}
{{- end -}}

{{- define "ai-interviewer.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/*
Environment of the api and worker containers: the ConfigMap and the Secret as a whole, plus the
variables they cannot run without as explicit, non-optional references. A Secret lacking one of
them keeps the pod in CreateContainerConfigError naming the key, instead of a crash loop later.
Call with (dict "ctx" $ "required" (list "DATABASE_URL" ...)).
*/}}
{{- define "ai-interviewer.appEnv" -}}
env:
  {{- include "ai-interviewer.runtimeEnv" .ctx | nindent 2 }}
  {{- range .required }}
  - name: {{ . }}
    valueFrom:
      secretKeyRef:
        name: {{ include "ai-interviewer.secretName" $.ctx }}
        key: {{ . }}
        optional: false
  {{- end }}
  {{- with .extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
envFrom:
  - configMapRef:
      name: {{ include "ai-interviewer.configMapName" .ctx }}
  - secretRef:
      name: {{ include "ai-interviewer.secretName" .ctx }}
{{- end -}}

{{/* Pod annotations that roll the pods when the rendered ConfigMap or Secret changes. */}}
{{- define "ai-interviewer.checksumAnnotations" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{/*
Chart-level checks that JSON Schema cannot express. Each failure message names the value to set.
*/}}
{{- define "ai-interviewer.validateValues" -}}
{{- $errors := list -}}
{{- if and .Values.api.pdb.create .Values.api.pdb.minAvailable .Values.api.pdb.maxUnavailable -}}
{{- $errors = append $errors "api.pdb: set minAvailable or maxUnavailable, not both" -}}
{{- end -}}
{{- if and .Values.worker.pdb.create .Values.worker.pdb.minAvailable .Values.worker.pdb.maxUnavailable -}}
{{- $errors = append $errors "worker.pdb: set minAvailable or maxUnavailable, not both" -}}
{{- end -}}
{{- if and .Values.api.autoscaling.hpa.enabled (lt (int .Values.api.autoscaling.hpa.maxReplicas) (int .Values.api.autoscaling.hpa.minReplicas)) -}}
{{- $errors = append $errors "api.autoscaling.hpa: maxReplicas must be >= minReplicas" -}}
{{- end -}}
{{- if and .Values.worker.autoscaling.hpa.enabled (lt (int .Values.worker.autoscaling.hpa.maxReplicas) (int .Values.worker.autoscaling.hpa.minReplicas)) -}}
{{- $errors = append $errors "worker.autoscaling.hpa: maxReplicas must be >= minReplicas" -}}
{{- end -}}
{{- if and .Values.api.ingress.enabled (not .Values.api.ingress.hostname) -}}
{{- $errors = append $errors "api.ingress.hostname: required when api.ingress.enabled" -}}
{{- end -}}
{{- if and .Values.mail.smtpUrl (not .Values.mail.from) -}}
{{- $errors = append $errors "mail.from: required when mail.smtpUrl is set (MAIL_FROM, the sender of every message)" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\nVALUES VALIDATION:\n  - %s" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}

{{/*
Which settings the release still lacks (used by NOTES.txt). Empty when existingSecret is used:
the chart cannot see inside it.
*/}}
{{- define "ai-interviewer.missingSettings" -}}
{{- if not .Values.existingSecret -}}
{{- if not .Values.database.url }}
- database.url (DATABASE_URL, the owner role): the api, worker and migrate Job need it
{{- end }}
{{- $multiApi := or .Values.api.autoscaling.hpa.enabled (gt (int .Values.api.replicaCount) 1) }}
{{- if and (not .Values.redis.url) (or .Values.worker.enabled $multiApi) }}
- redis.url (REDIS_URL): the worker needs it, and more than one api replica shares queues, live updates and rate limits through it
{{- end }}
{{- if not .Values.jwt.secret }}
- jwt.secret: none given, so a random key was generated (kept across upgrades of this release)
{{- end }}
{{- if not .Values.ats.credentialsKey }}
- ats.credentialsKey: none given, so a random key was generated (kept across upgrades of this release); back it up with the Secret: losing it makes stored ATS credentials unreadable
{{- end }}
{{- end -}}
{{- end -}}

{{/*
Default affinity of a component: prefer one pod per node. Call with (dict "ctx" $ "component" "api" "affinity" .Values.api.affinity).
*/}}
{{- define "ai-interviewer.affinity" -}}
{{- if .affinity -}}
{{- toYaml .affinity -}}
{{- else -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 1
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels: {{- include "ai-interviewer.componentSelectorLabels" (dict "ctx" .ctx "component" .component) | nindent 12 }}
{{- end -}}
{{- end -}}

{{/*
HorizontalPodAutoscaler (autoscaling/v2) of a component's Deployment.
Call with (dict "ctx" $ "component" "api" "hpa" .Values.api.autoscaling.hpa).
*/}}
{{- define "ai-interviewer.hpa" -}}
{{- if .hpa.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "ai-interviewer.componentName" (dict "ctx" .ctx "component" .component) }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels: {{- include "ai-interviewer.componentLabels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
  {{- with include "ai-interviewer.annotations" .ctx }}
  annotations: {{- . | nindent 4 }}
  {{- end }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "ai-interviewer.componentName" (dict "ctx" .ctx "component" .component) }}
  minReplicas: {{ .hpa.minReplicas }}
  maxReplicas: {{ .hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .hpa.targetCPU }}
    {{- if .hpa.targetMemory }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ .hpa.targetMemory }}
    {{- end }}
  behavior:
    scaleDown:
      # Shed pods slowly: api pods hold live sockets, worker pods finish the jobs in hand.
      stabilizationWindowSeconds: 300
      policies:
        - type: Pods
          value: 1
          periodSeconds: 60
{{- end }}
{{- end -}}

{{/*
PodDisruptionBudget (policy/v1) of a component. Call with (dict "ctx" $ "component" "api" "pdb" .Values.api.pdb).
*/}}
{{- define "ai-interviewer.pdb" -}}
{{- if .pdb.create }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ai-interviewer.componentName" (dict "ctx" .ctx "component" .component) }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels: {{- include "ai-interviewer.componentLabels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
  {{- with include "ai-interviewer.annotations" .ctx }}
  annotations: {{- . | nindent 4 }}
  {{- end }}
spec:
  {{- if not (eq (toString .pdb.minAvailable) "") }}
  minAvailable: {{ .pdb.minAvailable }}
  {{- else if not (eq (toString .pdb.maxUnavailable) "") }}
  maxUnavailable: {{ .pdb.maxUnavailable }}
  {{- else }}
  maxUnavailable: 1
  {{- end }}
  selector:
    matchLabels: {{- include "ai-interviewer.componentSelectorLabels" (dict "ctx" .ctx "component" .component) | nindent 6 }}
{{- end }}
{{- end -}}
