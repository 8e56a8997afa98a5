resource "aws_eks_cluster" "legacy" {
  name     = "legacy"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "kubernetes_config_map_v1_data" "aws_auth" {
  metadata {
    name      = "aws-auth"
    namespace = "kube-system"
  }
  data = {
    mapRoles = yamlencode([{ rolearn = "arn:aws:iam::111122223333:role/nodes", username = "system:node:{{EC2PrivateDNSName}}", groups = ["system:nodes"] }])
    mapUsers = yamlencode([{ userarn = "arn:aws:iam::111122223333:user/ops", username = "ops", groups = ["system:masters"] }])
  }
}
