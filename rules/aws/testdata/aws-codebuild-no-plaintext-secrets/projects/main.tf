variable "token" {
  type      = string
  sensitive = true
}

resource "aws_secretsmanager_secret" "db" {
  name = "db"
}

resource "aws_codebuild_project" "leaky" {
  name         = "leaky"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "STAGE"
      value = "prod"
    }

    environment_variable {
      name  = "DB_PASSWORD"
      value = "hunter2-but-longer"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}

resource "aws_codebuild_project" "referenced" {
  name         = "referenced"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "DB_PASSWORD"
      type  = "SECRETS_MANAGER"
      value = "${aws_secretsmanager_secret.db.arn}:password"
    }

    environment_variable {
      name  = "NPM_TOKEN"
      type  = "PARAMETER_STORE"
      value = "/ci/npm-token"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}

resource "aws_codebuild_project" "from_variable" {
  name         = "from-variable"
  service_role = "arn:aws:iam::111122223333:role/codebuild"

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "GITHUB_TOKEN"
      value = var.token
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}
