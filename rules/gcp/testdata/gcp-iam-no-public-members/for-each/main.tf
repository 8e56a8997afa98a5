resource "google_pubsub_topic_iam_member" "subscriber" {
  for_each = toset(["group:billing@acme.com", "allUsers"])
  topic    = "orders"
  role     = "roles/pubsub.subscriber"
  member   = each.value
}
