variable "a" {
  type    = string
  default = "default"
}
variable "b" {
  type    = string
  default = "default"
}
variable "c" {
  type    = string
  default = "default"
}
variable "d" {
  type    = string
  default = "default"
}
variable "e" {
  type    = string
  default = "default"
}
variable "f" {
  type    = string
  default = "default"
}
variable "port" {
  type = number
}
variable "cfg" {
  type = object({
    name    = string
    retain  = optional(number, 30)
    enabled = optional(bool)
  })
}
variable "ids" {
  type    = list(string)
  default = []
}
