resource "google_container_cluster" "c" {
  for_each           = { prod = "PROJECT_SINGLETON_POLICY_ENFORCE", lab = "DISABLED" }
  name               = each.key
  location           = "europe-west1"
  initial_node_count = 1
  binary_authorization {
    evaluation_mode = each.value
  }
}
