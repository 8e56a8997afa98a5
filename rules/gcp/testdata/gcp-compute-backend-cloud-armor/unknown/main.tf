variable "policy" {
  type = string
}

variable "scheme" {
  type = string
}

resource "google_compute_backend_service" "policy_from_variable" {
  name            = "policy-from-variable"
  security_policy = var.policy
}

resource "google_compute_backend_service" "scheme_from_variable" {
  name                  = "scheme-from-variable"
  load_balancing_scheme = var.scheme
}
