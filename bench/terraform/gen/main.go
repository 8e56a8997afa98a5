// Command gen writes a large, realistic Terraform tree for benchmarking
// `attest scan`: a root module with several module calls, nested modules,
// for_each over maps, count, variables and locals, and a mix of S3 buckets
// (with their versioning, encryption, policy and public access block as
// separate resources), RDS instances, security groups, KMS keys, IAM
// policies and CloudWatch log groups. Some resources comply with the rule
// library and some do not. The tree depends only on -resources and -seed.
//
// Usage:
//
//	go run ./bench/terraform/gen -out DIR -resources 10000 [-seed 1] [-flat]
//
// With -flat it writes one main.tf holding every resource literally (no
// modules), for a single-file scan.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write the tree into (created; must be empty or absent)")
	resources := flag.Int("resources", 10000, "approximate number of resources the tree expands to")
	seed := flag.Uint64("seed", 1, "seed of the choices between compliant and non-compliant settings")
	flat := flag.Bool("flat", false, "write a single main.tf without modules")
	flag.Parse()
	if *out == "" || *resources < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-resources N] [-seed S] [-flat]")
		os.Exit(2)
	}
	n, err := generate(*out, *resources, *seed, *flat)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s: %d resources after expansion\n", *out, n)
}

// plan is what the generator decided: the items of each kind, per group.
type plan struct {
	groups []group
}

type group struct {
	name      string
	buckets   []bucket
	databases []database
	sgs       []securityGroup
	policies  []policy
	logGroups int // count of the group's own log groups
}

type bucket struct {
	key        string
	versioning bool
	sse        string // "", "AES256" or "aws:kms"
	tlsOnly    bool
	blockAll   bool
}

type database struct {
	key        string
	encrypted  bool
	public     bool
	retention  int
	logRetains int
	multiAZ    bool
}

type securityGroup struct {
	key  string
	cidr string
	port int
}

type policy struct {
	key      string
	wildcard bool
}

// Resources per item once Terraform expands the modules.
func (b bucket) resources() int {
	n := 3 // bucket, versioning, public access block
	if b.sse != "" {
		n++
	}
	if b.tlsOnly {
		n++
	}
	return n
}

func (d database) resources() int {
	n := 3 // instance, security group, log group (nested module)
	if d.encrypted {
		n++ // KMS key
	}
	return n
}

// decide draws the tree: groups of about 500 resources, each with buckets
// (45% of its resources), databases (20%), security groups (15%), IAM
// policies (10%) and log groups (10%).
func decide(total int, seed uint64) plan {
	rng := rand.New(rand.NewPCG(seed, 0x617474657374))
	perGroup := min(total, 500)
	groups := max(1, (total+perGroup/2)/perGroup)
	var p plan
	made := 0
	for g := range groups {
		want := total / groups
		if g == groups-1 {
			want = total - made
		}
		gr := group{name: fmt.Sprintf("svc%03d", g)}
		n := 0
		chance := func(pct int) bool { return rng.IntN(100) < pct }
		for i := 0; n < want*45/100 || i == 0; i++ {
			b := bucket{key: fmt.Sprintf("data-%04d", i), versioning: chance(70), tlsOnly: chance(60), blockAll: chance(80)}
			switch rng.IntN(10) {
			case 0, 1:
				b.sse = ""
			case 2, 3, 4:
				b.sse = "AES256"
			default:
				b.sse = "aws:kms"
			}
			gr.buckets = append(gr.buckets, b)
			n += b.resources()
		}
		for i := 0; n < want*65/100; i++ {
			d := database{key: fmt.Sprintf("db-%03d", i), encrypted: chance(75), public: chance(10),
				retention: []int{0, 1, 7, 14, 35}[rng.IntN(5)], logRetains: []int{0, 30, 90, 365, 400}[rng.IntN(5)], multiAZ: chance(60)}
			gr.databases = append(gr.databases, d)
			n += d.resources()
		}
		for i := 0; n < want*80/100; i++ {
			sg := securityGroup{key: fmt.Sprintf("sg-%03d", i), cidr: "10.0.0.0/8", port: 443}
			if chance(20) {
				sg.cidr, sg.port = "0.0.0.0/0", []int{22, 3389, 5432}[rng.IntN(3)]
			}
			gr.sgs = append(gr.sgs, sg)
			n++
		}
		for i := 0; n < want*90/100; i++ {
			gr.policies = append(gr.policies, policy{key: fmt.Sprintf("role-%03d", i), wildcard: chance(25)})
			n++
		}
		gr.logGroups = max(0, want-n)
		n += gr.logGroups
		made += n
		p.groups = append(p.groups, gr)
	}
	return p
}

func (p plan) total() int {
	n := 0
	for _, g := range p.groups {
		for _, b := range g.buckets {
			n += b.resources()
		}
		for _, d := range g.databases {
			n += d.resources()
		}
		n += len(g.sgs) + len(g.policies) + g.logGroups
	}
	return n
}

func generate(dir string, total int, seed uint64, flat bool) (int, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return 0, fmt.Errorf("%s is not empty", dir)
	}
	p := decide(total, seed)
	files := map[string]func(w io.Writer){}
	if flat {
		files["main.tf"] = func(w io.Writer) { writeFlat(w, p) }
	} else {
		files["versions.tf"] = writeVersions
		files["variables.tf"] = writeRootVariables
		files["main.tf"] = func(w io.Writer) { writeRoot(w, p) }
		files["modules/service/main.tf"] = writeServiceModule
		files["modules/service/variables.tf"] = writeServiceVariables
		files["modules/bucket/main.tf"] = writeBucketModule
		files["modules/bucket/variables.tf"] = writeBucketVariables
		files["modules/bucket/outputs.tf"] = writeBucketOutputs
		files["modules/database/main.tf"] = writeDatabaseModule
		files["modules/database/variables.tf"] = writeDatabaseVariables
		files["modules/logs/main.tf"] = writeLogsModule
	}
	for name, write := range files {
		if err := writeFile(filepath.Join(dir, name), write); err != nil {
			return 0, err
		}
	}
	if !flat {
		return p.total() + rootResources, nil
	}
	return p.total(), nil
}

// rootResources counts the resources writeRoot declares outside the groups.
const rootResources = 2

func writeFile(path string, write func(io.Writer)) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriter(f)
	write(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func writeVersions(w io.Writer) {
	fmt.Fprint(w, `terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.common_tags
  }
}
`)
}

func writeRootVariables(w io.Writer) {
	fmt.Fprint(w, `variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "owner" {
  type        = string
  description = "Team that owns the stack."
  default     = "platform"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d4e5f67890"
}
`)
}

func writeRoot(w io.Writer, p plan) {
	fmt.Fprint(w, `locals {
  common_tags = {
    environment = var.environment
    owner       = var.owner
    managed_by  = "terraform"
  }
  audit_retention_days = 365
}

resource "aws_kms_key" "platform" {
  description             = "platform-wide key"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/${var.environment}/audit"
  retention_in_days = local.audit_retention_days
  kms_key_id        = aws_kms_key.platform.arn
}
`)
	for _, g := range p.groups {
		fmt.Fprintf(w, "\nmodule %q {\n  source = \"./modules/service\"\n\n", g.name)
		fmt.Fprintf(w, "  name        = %q\n  environment = var.environment\n  vpc_id      = var.vpc_id\n  kms_key_arn = aws_kms_key.platform.arn\n  log_groups  = %d\n", g.name, g.logGroups)
		fmt.Fprint(w, "\n  buckets = {\n")
		for _, b := range g.buckets {
			fmt.Fprintf(w, "    %q = { versioning = %t, sse = %q, tls_only = %t, block_public = %t }\n", b.key, b.versioning, b.sse, b.tlsOnly, b.blockAll)
		}
		fmt.Fprint(w, "  }\n\n  databases = {\n")
		for _, d := range g.databases {
			fmt.Fprintf(w, "    %q = { encrypted = %t, public = %t, backup_days = %d, log_days = %d, multi_az = %t }\n", d.key, d.encrypted, d.public, d.retention, d.logRetains, d.multiAZ)
		}
		fmt.Fprint(w, "  }\n\n  security_groups = {\n")
		for _, s := range g.sgs {
			fmt.Fprintf(w, "    %q = { cidr = %q, port = %d }\n", s.key, s.cidr, s.port)
		}
		fmt.Fprint(w, "  }\n\n  policies = {\n")
		for _, pl := range g.policies {
			fmt.Fprintf(w, "    %q = { wildcard = %t }\n", pl.key, pl.wildcard)
		}
		fmt.Fprint(w, "  }\n}\n")
	}
}

func writeServiceVariables(w io.Writer) {
	fmt.Fprint(w, `variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "log_groups" {
  type    = number
  default = 0
}

variable "buckets" {
  type = map(object({
    versioning   = bool
    sse          = string
    tls_only     = bool
    block_public = bool
  }))
  default = {}
}

variable "databases" {
  type = map(object({
    encrypted   = bool
    public      = bool
    backup_days = number
    log_days    = number
    multi_az    = bool
  }))
  default = {}
}

variable "security_groups" {
  type    = map(object({ cidr = string, port = number }))
  default = {}
}

variable "policies" {
  type    = map(object({ wildcard = bool }))
  default = {}
}
`)
}

func writeServiceModule(w io.Writer) {
	fmt.Fprint(w, `locals {
  prefix = "${var.environment}-${var.name}"
}

module "buckets" {
  source   = "../bucket"
  for_each = var.buckets

  name         = "${local.prefix}-${each.key}"
  versioning   = each.value.versioning
  sse          = each.value.sse
  kms_key_arn  = var.kms_key_arn
  tls_only     = each.value.tls_only
  block_public = each.value.block_public
}

module "databases" {
  source   = "../database"
  for_each = var.databases

  identifier  = "${local.prefix}-${each.key}"
  vpc_id      = var.vpc_id
  encrypted   = each.value.encrypted
  public      = each.value.public
  backup_days = each.value.backup_days
  log_days    = each.value.log_days
  multi_az    = each.value.multi_az
}

resource "aws_security_group" "ingress" {
  for_each = var.security_groups

  name        = "${local.prefix}-${each.key}"
  description = "ingress for ${each.key}"
  vpc_id      = var.vpc_id

  ingress {
    description = "service port"
    from_port   = each.value.port
    to_port     = each.value.port
    protocol    = "tcp"
    cidr_blocks = [each.value.cidr]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_policy" "role" {
  for_each = var.policies

  name = "${local.prefix}-${each.key}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = each.value.wildcard ? ["*"] : ["s3:GetObject", "s3:ListBucket"]
      Resource = each.value.wildcard ? ["*"] : ["arn:aws:s3:::${local.prefix}-*"]
    }]
  })
}

resource "aws_cloudwatch_log_group" "app" {
  count = var.log_groups

  name              = "/${var.environment}/${var.name}/app-${count.index}"
  retention_in_days = count.index % 3 == 0 ? 0 : 365
}
`)
}

func writeBucketVariables(w io.Writer) {
	fmt.Fprint(w, `variable "name" {
  type = string
}

variable "versioning" {
  type    = bool
  default = true
}

variable "sse" {
  type        = string
  description = "AES256, aws:kms, or empty for no default encryption resource."
  default     = "aws:kms"
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "tls_only" {
  type    = bool
  default = true
}

variable "block_public" {
  type    = bool
  default = true
}
`)
}

func writeBucketModule(w io.Writer) {
	fmt.Fprint(w, `resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.sse == "" ? 0 : 1
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse
      kms_master_key_id = var.sse == "aws:kms" ? var.kms_key_arn : null
    }
    bucket_key_enabled = var.sse == "aws:kms"
  }
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  count  = var.tls_only ? 1 : 0
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = var.block_public
  block_public_policy     = var.block_public
  ignore_public_acls      = true
  restrict_public_buckets = var.block_public
}
`)
}

func writeBucketOutputs(w io.Writer) {
	fmt.Fprint(w, `output "arn" {
  value = aws_s3_bucket.this.arn
}

output "id" {
  value = aws_s3_bucket.this.id
}
`)
}

func writeDatabaseVariables(w io.Writer) {
	fmt.Fprint(w, `variable "identifier" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = true
}

variable "public" {
  type    = bool
  default = false
}

variable "backup_days" {
  type    = number
  default = 7
}

variable "log_days" {
  type    = number
  default = 365
}

variable "multi_az" {
  type    = bool
  default = true
}
`)
}

func writeDatabaseModule(w io.Writer) {
	fmt.Fprint(w, `resource "aws_kms_key" "db" {
  count                   = var.encrypted ? 1 : 0
  description             = "storage key for ${var.identifier}"
  deletion_window_in_days = 30
  enable_key_rotation     = var.backup_days >= 7
}

resource "aws_security_group" "db" {
  name        = "${var.identifier}-db"
  description = "database access"
  vpc_id      = var.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.public ? "0.0.0.0/0" : "10.0.0.0/8"]
  }
}

resource "aws_db_instance" "this" {
  identifier                          = var.identifier
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t4g.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = var.encrypted
  kms_key_id                          = var.encrypted ? aws_kms_key.db[0].arn : null
  publicly_accessible                 = var.public
  multi_az                            = var.multi_az
  backup_retention_period             = var.backup_days
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  vpc_security_group_ids              = [aws_security_group.db.id]
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  skip_final_snapshot                 = false
}

module "logs" {
  source = "../logs"

  name           = "/aws/rds/instance/${var.identifier}/postgresql"
  retention_days = var.log_days
}
`)
}

func writeLogsModule(w io.Writer) {
	fmt.Fprint(w, `variable "name" {
  type = string
}

variable "retention_days" {
  type    = number
  default = 365
}

resource "aws_cloudwatch_log_group" "this" {
  name              = var.name
  retention_in_days = var.retention_days
}
`)
}

// writeFlat writes every resource of the plan literally into one file.
func writeFlat(w io.Writer, p plan) {
	writeVersions(w)
	fmt.Fprint(w, "\n")
	writeRootVariables(w)
	fmt.Fprint(w, "\nlocals {\n  common_tags = {\n    environment = var.environment\n  }\n}\n")
	for _, g := range p.groups {
		for _, b := range g.buckets {
			id := tfName(g.name + "_" + b.key)
			fmt.Fprintf(w, "\nresource \"aws_s3_bucket\" %q {\n  bucket = \"%s-%s\"\n}\n", id, g.name, b.key)
			status := "Suspended"
			if b.versioning {
				status = "Enabled"
			}
			fmt.Fprintf(w, "\nresource \"aws_s3_bucket_versioning\" %q {\n  bucket = aws_s3_bucket.%s.id\n\n  versioning_configuration {\n    status = %q\n  }\n}\n", id, id, status)
			if b.sse != "" {
				fmt.Fprintf(w, "\nresource \"aws_s3_bucket_server_side_encryption_configuration\" %q {\n  bucket = aws_s3_bucket.%s.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = %q\n    }\n  }\n}\n", id, id, b.sse)
			}
			if b.tlsOnly {
				fmt.Fprintf(w, "\nresource \"aws_s3_bucket_policy\" %q {\n  bucket = aws_s3_bucket.%s.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"s3:*\"\n      Resource  = [aws_s3_bucket.%s.arn, \"${aws_s3_bucket.%s.arn}/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}\n", id, id, id, id)
			}
			fmt.Fprintf(w, "\nresource \"aws_s3_bucket_public_access_block\" %q {\n  bucket                  = aws_s3_bucket.%s.id\n  block_public_acls       = %t\n  block_public_policy     = %t\n  ignore_public_acls      = true\n  restrict_public_buckets = %t\n}\n", id, id, b.blockAll, b.blockAll, b.blockAll)
		}
		for _, d := range g.databases {
			id := tfName(g.name + "_" + d.key)
			kms := "null"
			if d.encrypted {
				fmt.Fprintf(w, "\nresource \"aws_kms_key\" %q {\n  description         = \"storage key\"\n  enable_key_rotation = true\n}\n", id)
				kms = "aws_kms_key." + id + ".arn"
			}
			cidr := "10.0.0.0/8"
			if d.public {
				cidr = "0.0.0.0/0"
			}
			fmt.Fprintf(w, "\nresource \"aws_security_group\" \"%s_db\" {\n  name   = \"%s-db\"\n  vpc_id = var.vpc_id\n\n  ingress {\n    from_port   = 5432\n    to_port     = 5432\n    protocol    = \"tcp\"\n    cidr_blocks = [%q]\n  }\n}\n", id, id, cidr)
			fmt.Fprintf(w, "\nresource \"aws_db_instance\" %q {\n  identifier              = \"%s\"\n  engine                  = \"postgres\"\n  instance_class          = \"db.t4g.medium\"\n  allocated_storage       = 50\n  storage_encrypted       = %t\n  kms_key_id              = %s\n  publicly_accessible     = %t\n  multi_az                = %t\n  backup_retention_period = %d\n  vpc_security_group_ids  = [aws_security_group.%s_db.id]\n}\n",
				id, strings.ReplaceAll(id, "_", "-"), d.encrypted, kms, d.public, d.multiAZ, d.retention, id)
			fmt.Fprintf(w, "\nresource \"aws_cloudwatch_log_group\" %q {\n  name              = \"/aws/rds/%s\"\n  retention_in_days = %d\n}\n", id, id, d.logRetains)
		}
		for _, s := range g.sgs {
			id := tfName(g.name + "_" + s.key)
			fmt.Fprintf(w, "\nresource \"aws_security_group\" %q {\n  name   = %q\n  vpc_id = var.vpc_id\n\n  ingress {\n    from_port   = %d\n    to_port     = %d\n    protocol    = \"tcp\"\n    cidr_blocks = [%q]\n  }\n}\n", id, id, s.port, s.port, s.cidr)
		}
		for _, pl := range g.policies {
			id := tfName(g.name + "_" + pl.key)
			action, res := `["s3:GetObject"]`, `["arn:aws:s3:::`+g.name+`-*"]`
			if pl.wildcard {
				action, res = `["*"]`, `["*"]`
			}
			fmt.Fprintf(w, "\nresource \"aws_iam_policy\" %q {\n  name = %q\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = %s, Resource = %s }]\n  })\n}\n", id, id, action, res)
		}
		if g.logGroups > 0 {
			fmt.Fprintf(w, "\nresource \"aws_cloudwatch_log_group\" \"%s_app\" {\n  count             = %d\n  name              = \"/%s/app-${count.index}\"\n  retention_in_days = 365\n}\n", tfName(g.name), g.logGroups, g.name)
		}
	}
}

// tfName makes a Terraform identifier from a key.
func tfName(s string) string {
	return strings.ReplaceAll(s, "-", "_")
}
