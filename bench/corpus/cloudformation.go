package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// CloudFormation writes n CloudFormation templates under dir, one stack
// folder each beside a parameters file and a README (files of no known
// format, so detection runs on them too). Templates are of four kinds with
// 8 to 13 resources: a storage stack (KMS key, buckets, bucket policies,
// a DynamoDB table), an application stack (IAM role and policy, log group,
// Lambda function or, one in four, a SAM function), a network stack (VPC,
// flow log, security groups, launch template, instance) and a platform stack
// (CloudTrail, EKS, ECR, load balancer and listeners, RDS, GuardDuty). They
// use parameters with and without defaults, conditions, mappings, !Ref,
// !GetAtt, !Sub and !If; some settings comply with the rules and some not.
func CloudFormation(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x63666e))
	for i := range n {
		stack := filepath.Join(dir, fmt.Sprintf("stacks-%02d", i%40), fmt.Sprintf("stack-%04d", i))
		if err := os.MkdirAll(stack, 0o755); err != nil {
			return err
		}
		name := "template.yaml"
		if i%7 == 3 {
			name = "stack.cfn.yaml"
		}
		files := map[string]string{
			name:              template(rng, i),
			"parameters.json": `[{"ParameterKey": "Env", "ParameterValue": "prod"}]` + "\n",
			"README.md":       fmt.Sprintf("# stack-%04d\n\nDeployed by the platform pipeline.\n", i),
		}
		for f, body := range files {
			if err := os.WriteFile(filepath.Join(stack, f), []byte(body), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// template renders template i.
func template(rng *rand.Rand, i int) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	sam := i%4 == 1 && i%8 == 1
	w(`AWSTemplateFormatVersion: "2010-09-09"`)
	if sam {
		w("Transform: AWS::Serverless-2016-10-31")
	}
	w("Description: Stack %d, generated for the benchmark.", i)
	w("Parameters:")
	w("  Env:\n    Type: String\n    Default: dev\n    AllowedValues: [dev, prod]")
	w("  Team:\n    Type: String\n    Default: team-%02d", i%40)
	w("  ExternalKeyArn:\n    Type: String")
	w("Conditions:")
	w("  IsProd: !Equals [!Ref Env, prod]")
	w("Mappings:")
	w("  Retention:\n    dev: {Days: 7}\n    prod: {Days: 365}")
	w("Resources:")
	yes := func(p float64) string { return pick(rng, p, "true", "false") }
	switch i % 4 {
	case 0: // storage
		w("  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: %s\n      KeyPolicy:", yes(0.8))
		w("        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: !Sub \"arn:aws:iam::${AWS::AccountId}:root\"}\n            Action: kms:*\n            Resource: \"*\"")
		for j, bucket := range []string{"Data", "Logs", "Exports"} {
			w("  %sBucket:\n    Type: AWS::S3::Bucket\n    Properties:", bucket)
			w("      BucketName: !Sub \"${Team}-%s-%d-${Env}\"", strings.ToLower(bucket), i)
			if rng.Float64() < 0.7 {
				w("      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: !GetAtt DataKey.Arn")
			}
			w("      VersioningConfiguration:\n        Status: %s", pick(rng, 0.6, "Enabled", "Suspended"))
			if rng.Float64() < 0.7 {
				w("      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true")
			}
			if j > 0 {
				w("      LoggingConfiguration:\n        DestinationBucketName: !Ref LogsBucket\n        LogFilePrefix: %s/", strings.ToLower(bucket))
			}
			w("      Tags:\n        - {Key: team, Value: !Ref Team}")
			if rng.Float64() < 0.6 {
				w("  %sBucketPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref %sBucket\n      PolicyDocument:", bucket, bucket)
				w("        Statement:\n          - Effect: Deny\n            Principal: \"*\"\n            Action: s3:*\n            Resource:\n              - !GetAtt %sBucket.Arn\n              - !Sub \"${%sBucket.Arn}/*\"\n            Condition:\n              Bool: {aws:SecureTransport: false}", bucket, bucket)
			}
		}
		w("  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST")
		w("      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]")
		w("      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !If [IsProd, true, %s]", yes(0.5))
		w("      SSESpecification:\n        SSEEnabled: %s", yes(0.6))
	case 1: // application
		w("  FunctionRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:")
		w("        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole")
		w("      Policies:\n        - PolicyName: app\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: %s\n                Resource: \"*\"", pick(rng, 0.15, `"*"`, "[dynamodb:GetItem, dynamodb:PutItem]"))
		w("  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub /app/${Team}/%d\n      RetentionInDays: !FindInMap [Retention, !Ref Env, Days]", i)
		if rng.Float64() < 0.5 {
			w("      KmsKeyId: !Ref ExternalKeyArn")
		}
		if sam {
			w("  Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Role: !GetAtt FunctionRole.Arn")
		} else {
			w("  Function:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Role: !GetAtt FunctionRole.Arn\n      Code: {S3Bucket: artifacts, S3Key: !Sub \"${Team}/%d.zip\"}", i)
		}
		w("  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST")
		w("      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]")
		w("      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: %s", yes(0.5))
		w("  Operators:\n    Type: AWS::IAM::Group\n    Properties:\n      ManagedPolicyArns: [!Ref RequireMfa]")
		w("  RequireMfa:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Deny\n            NotAction: iam:*MFA*\n            Resource: \"*\"\n            Condition: {BoolIfExists: {aws:MultiFactorAuthPresent: %s}}", pick(rng, 0.7, `"false"`, `"true"`))
		w("  Deployer:\n    Type: AWS::IAM::User\n    Properties:\n      Groups: [!Ref Operators]")
		if rng.Float64() < 0.3 {
			w("      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]")
		}
		w("  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/aws/sqs")
	case 2: // network
		w("  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.%d.0.0/16", i%250)
		if rng.Float64() < 0.7 {
			w("  FlowLog:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: !Ref Vpc\n      ResourceType: VPC\n      TrafficType: ALL\n      LogDestinationType: s3\n      LogDestination: arn:aws:s3:::flow-logs")
		}
		w("  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: 10.%d.1.0/24\n      AvailabilityZone: !Select [0, !GetAZs \"\"]", i%250)
		w("  WebSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      VpcId: !Ref Vpc\n      SecurityGroupIngress:")
		w("        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}")
		if rng.Float64() < 0.2 {
			w("        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}")
		}
		w("  DbSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n      VpcId: !Ref Vpc")
		w("  DbIngress:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref DbSg\n      IpProtocol: tcp\n      FromPort: 5432\n      ToPort: 5432\n      SourceSecurityGroupId: !Ref WebSg")
		w("  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n        MetadataOptions:\n          HttpTokens: %s", pick(rng, 0.7, "required", "optional"))
		w("  Instance:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      SubnetId: !Ref Subnet\n      SecurityGroupIds: [!Ref WebSg]")
		if rng.Float64() < 0.6 {
			w("      MetadataOptions:\n        HttpTokens: required")
		}
		w("  Volume:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: !GetAtt Instance.AvailabilityZone\n      Size: 100\n      Encrypted: %s", yes(0.7))
	default: // platform
		w("  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Sub \"${Team}-trail\"")
		w("      IsMultiRegionTrail: %s\n      EnableLogFileValidation: %s", yes(0.8), yes(0.7))
		if rng.Float64() < 0.5 {
			w("      KMSKeyId: !Ref ExternalKeyArn")
		}
		w("  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: arn:aws:iam::111122223333:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: [subnet-1, subnet-2]\n        EndpointPublicAccess: %s", yes(0.4))
		w("      Logging:\n        ClusterLogging:\n          EnabledTypes: [{Type: api}, {Type: audit}%s]", pick(rng, 0.6, ", {Type: authenticator}", ""))
		w("  Repository:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: !Sub \"${Team}/app-%d\"\n      ImageScanningConfiguration:\n        ScanOnPush: %s", i, yes(0.7))
		w("  LoadBalancer:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-1, subnet-2]")
		if rng.Float64() < 0.5 {
			w("      LoadBalancerAttributes:\n        - {Key: access_logs.s3.enabled, Value: \"true\"}\n        - {Key: access_logs.s3.bucket, Value: lb-logs}")
		}
		w("  Https:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref LoadBalancer\n      Port: 443\n      Protocol: HTTPS\n      SslPolicy: %s", pick(rng, 0.7, "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"))
		w("      Certificates: [{CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/1}]\n      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: \"404\"}}]")
		w("  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref LoadBalancer\n      Port: 80\n      Protocol: HTTP")
		w("      DefaultActions: [%s]", pick(rng, 0.7, "{Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: \"443\", StatusCode: HTTP_301}}", "{Type: fixed-response, FixedResponseConfig: {StatusCode: \"404\"}}"))
		w("  Database:\n    Type: AWS::RDS::DBInstance\n    Condition: IsProd\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t4g.medium\n      AllocatedStorage: \"50\"")
		w("      StorageEncrypted: %s\n      MultiAZ: %s\n      BackupRetentionPeriod: %d\n      DeletionProtection: %s", yes(0.8), yes(0.6), rng.IntN(10), yes(0.5))
		w("  Detector:\n    Type: AWS::GuardDuty::Detector\n    Properties:\n      Enable: %s", yes(0.9))
	}
	w("Outputs:\n  Team:\n    Value: !Ref Team")
	return b.String()
}
