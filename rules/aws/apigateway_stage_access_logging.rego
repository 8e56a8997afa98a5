# METADATA
# title: API Gateway stages write access logs
# description: >-
#   An API stage without access logging keeps no record of who called which
#   route, from where and with what result, so failed authorisations and
#   unusual callers cannot be investigated. A REST, HTTP or WebSocket stage
#   passes when its access log settings name a destination (a CloudWatch log
#   group or a Firehose stream).
# custom:
#   id: aws-apigateway-stage-access-logging
#   severity: medium
#   resource_types: [aws_api_gateway_stage, aws_apigatewayv2_stage, "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.4, 10.2.2]
#   remediation: Add access_log_settings with destination_arn set to a log group and a format that records caller, route and status.
#   remediation_by_format:
#     terraform: >-
#       Add access_log_settings { destination_arn =
#       aws_cloudwatch_log_group.<name>.arn, format = jsonencode({...}) } to
#       the aws_api_gateway_stage or aws_apigatewayv2_stage.
#     cloudformation: >-
#       Set AccessLogSetting.DestinationArn (AWS::ApiGateway::Stage) or
#       AccessLogSettings.DestinationArn (AWS::ApiGatewayV2::Stage) to a log
#       group ARN, with a Format that records caller, route and status.
package attest.rules.aws.apigateway_stage_access_logging

import data.attest.lib.aws.svc

logged if svc.set("access_log_settings.0.destination_arn")

deny contains msg if {
	not logged
	not svc.is_unknown("access_log_settings")
	msg := "the stage has no access log destination"
}

unknown contains msg if {
	not logged
	svc.is_unknown("access_log_settings")
	msg := "the access log settings are not known statically"
}
