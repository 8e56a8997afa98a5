variable "project" {
  type    = string
  default = "shop"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "buckets" {
  description = "Application buckets and whether each one replicates."
  type = map(object({
    replicate = bool
  }))
  default = {
    uploads = { replicate = true }
    exports = { replicate = false }
  }
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["10.20.0.0/16"]
}
